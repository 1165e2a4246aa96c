using System.Globalization;
using CostGuard.Policies;

namespace CostGuard.Engine.Rules;

/// <summary>
/// Rule 5. At most maxActionsPerSweep stop/terminate actions per evaluation, across all accounts; the
/// highest-priority ones (monthly-cap, burn-cap, orphan, idle) are kept, within one priority the newest-launched
/// first (ties: higher instance id), the rest deferred with one action-limit alert. Tag and untag actions are never limited.
/// </summary>
internal static class SafetyLimiter
{
    public static (List<PlannedAction> Kept, List<PlannedAction> Deferred) Apply(EvaluationContext context, List<PlannedAction> actions)
    {
        var limit = context.Policy.Safety?.MaxActionsPerSweep;
        var disruptive = actions.Where(a => a.IsDisruptive).ToList();
        if (limit is null || disruptive.Count <= limit.Value)
        {
            return (actions, []);
        }

        var (kept, deferred) = Limit(actions, limit.Value);
        context.Raise(LimitAlert(limit.Value, disruptive.Count, deferred, context.Now));
        return (kept, deferred);
    }

    /// <summary>Keeps at most <paramref name="allowed"/> disruptive actions, highest priority first; tags always stay.</summary>
    public static (List<PlannedAction> Kept, List<PlannedAction> Deferred) Limit(IReadOnlyList<PlannedAction> actions, int allowed)
    {
        // Within one priority the newest-launched are kept first, ties by higher instance id (the rule the
        // burn cap already follows), so which actions a limit keeps never depends on the order accounts were read.
        var disruptive = actions.Where(a => a.IsDisruptive).ToList();
        var keep = disruptive
            .OrderBy(a => a.Reason)
            .ThenByDescending(a => a.Instance.LaunchTime)
            .ThenByDescending(a => a.Instance.Id, StringComparer.Ordinal)
            .ThenBy(a => a.Instance.Account, StringComparer.Ordinal)
            .Take(Math.Max(0, allowed))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        var kept = actions.Where(a => !a.IsDisruptive || keep.Contains(a)).ToList();
        var deferred = disruptive.Where(a => !keep.Contains(a)).ToList();
        return (kept, deferred);
    }

    /// <summary>The one action-limit alert of an evaluation (or of an account sweep whose budget share ran out).</summary>
    public static PlannedAlert LimitAlert(int limit, int planned, IReadOnlyList<PlannedAction> deferred, DateTimeOffset now)
    {
        var accounts = deferred.Select(a => (a.Instance.Cloud, a.Instance.Account)).Distinct().ToList();
        var byAccount = deferred
            .GroupBy(a => a.Instance.Account, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count().ToString(CultureInfo.InvariantCulture)}");
        var single = accounts.Count == 1 ? accounts[0] : ((CloudKind, string)?)null;
        return new PlannedAlert
        {
            Kind = AlertKind.ActionLimit,
            Severity = AlertSeverity.Critical,
            Cloud = single?.Item1 ?? deferred[0].Instance.Cloud,
            Account = single?.Item2 ?? "*",
            Message = $"The safety limit of {limit.ToString(CultureInfo.InvariantCulture)} stop/terminate actions per sweep was reached: "
                + $"{planned.ToString(CultureInfo.InvariantCulture)} were planned, {deferred.Count.ToString(CultureInfo.InvariantCulture)} deferred "
                + $"({string.Join(", ", byAccount)}). Check the plan before raising safety.maxActionsPerSweep.",
            DedupKey = $"action-limit|{Time.IsoTime.Format(now)}",
        };
    }
}
