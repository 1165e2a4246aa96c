using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// What an incomplete read blocks, rule by rule (the rest of the plan goes on):
/// <list type="bullet">
/// <item>inventory incomplete (a region, a page): every action of the account is held; an instance the guard did not
/// see may be the one that matters (burn, spend), and a partial list is not the fleet;</item>
/// <item>metrics failed (the API erred, not "answered with no data"): idle stops of the affected instances are held;
/// orphan tagging and orphan stops/terminations, burn-cap stops (inventory x price) go on: they do not rest on
/// metrics;</item>
/// <item>billing failed: month-to-date spend is only live burn (a lower bound), so monthly-cap stops are held; a cap
/// that is reached on the lower bound alone would still be reached, but the guard does not stop on a figure it knows
/// is wrong; burn-cap stops go on.</item>
/// </list>
/// </summary>
public static class ReadHolds
{
    public static (IReadOnlyList<PlannedAction> Proceed, IReadOnlyList<HeldAction> Held) Split(
        IReadOnlyList<PlannedAction> actions, IReadOnlyList<AccountReadResult> reads)
    {
        var proceed = new List<PlannedAction>(actions.Count);
        var held = new List<HeldAction>();
        foreach (var action in actions)
        {
            var read = reads.FirstOrDefault(r => r.Account.Cloud == action.Instance.Cloud
                && string.Equals(r.Account.Id, action.Instance.Account, StringComparison.OrdinalIgnoreCase));
            if (read is null)
            {
                proceed.Add(action);
                continue;
            }

            if (Hold(action, read) is { } hold)
            {
                held.Add(hold);
            }
            else
            {
                proceed.Add(action);
            }
        }

        return (proceed, held);
    }

    /// <summary>The hold for one action, or null when the read it rests on succeeded.</summary>
    public static HeldAction? Hold(PlannedAction action, AccountReadResult read)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(read);
        if (!read.Complete)
        {
            var why = read.IncompleteReasons();
            return new HeldAction(action, why.Count == 0 ? "inventory incomplete" : string.Join("; ", why), action.Detail);
        }

        var part = action.Reason switch
        {
            ActionReason.Idle => ReadPart.Metrics,
            ActionReason.MonthlyCap => ReadPart.Billing,
            _ => (ReadPart?)null,
        };
        if (part is null || !action.IsDisruptive)
        {
            return null;
        }

        var gap = read.Gaps.FirstOrDefault(g => g.Part == part && g.Affects(action.Instance.Id));
        if (gap is null)
        {
            return null;
        }

        var detail = part == ReadPart.Metrics
            ? "idle not decided: the utilization metrics could not be read (an API failure, not missing data)"
            : $"{action.Detail}; but the billing read failed, so month-to-date spend is only a lower bound";
        return new HeldAction(action, gap.Problem, detail);
    }

    /// <summary>Whether any action of this account was held (reports say <c>incomplete: &lt;why&gt;</c> for the account anyway).</summary>
    public static bool IsIncomplete(AccountReadResult read) => !read.Complete || read.Gaps.Count > 0;
}
