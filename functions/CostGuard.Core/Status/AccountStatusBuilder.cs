using CostGuard.Fanout;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using CostGuard.Time;

namespace CostGuard.Status;

/// <summary>
/// Turns one account sweep's result into the figures the status page shows. A sweep whose inventory read failed or was
/// incomplete refreshes nothing: it keeps the last good figures, marked with when and why the read failed. A sweep whose
/// inventory was read but whose billing read failed has fresh burn and keeps the last known billed figure with its end.
/// </summary>
internal static class AccountStatusBuilder
{
    private const int MaxListed = 50;
    private const int MaxErrorLength = 1000;

    /// <param name="previous">The account's saved status (null before the first); kept when the inventory was not read whole.</param>
    /// <returns>The status to save; null when there is nothing to save (no read, or a failed first read).</returns>
    public static AccountStatus? Build(Policy policy, SweepMessage message, SweepResult result, DateTimeOffset now, AccountStatus? previous = null)
    {
        var read = result.Reads.Count > 0 ? result.Reads[0] : null;
        if (read is null)
        {
            return null;
        }

        if (!read.InventoryComplete)
        {
            // Overwriting with a partial or empty list would show an unseen account as idle and cheap ($0/h): keep the old figures.
            var why = string.Join("; ", read.IncompleteReasons());
            return previous is null ? null : previous with { ReadFailedAt = now, ReadError = Shorten(why.Length == 0 ? "inventory incomplete" : why) };
        }

        var summary = result.Plan.Accounts.FirstOrDefault(a => a.Cloud == read.Account.Cloud && string.Equals(a.Account, read.Account.Id, StringComparison.OrdinalIgnoreCase));
        if (summary is null || read.Snapshot is not { } snapshot)
        {
            return null;
        }

        // The adapter split month to date into billed spend (from the billing data, up to its end) and live burn since;
        // keep both as they are. Without billing data the whole figure is a live estimate and billed stays unknown.
        var billed = summary.BilledUsd;
        var billedThrough = billed is null ? null : summary.SpendAsOf;
        var monthToDate = summary.MonthToDateUsd;
        var billingGap = read.Gaps.FirstOrDefault(g => g.Part == ReadPart.Billing);
        if (billingGap is not null && billed is null && LastKnownBilled(previous, result.Plan.EvaluatedAt) is ({ } lastBilled, { } lastThrough))
        {
            // The billing read failed, the inventory did not: burn is fresh, billed is the last known figure with its own end,
            // and the live part runs from that end (not from the month start, which would count billed hours twice or never).
            billed = lastBilled;
            billedThrough = lastThrough;
            monthToDate = lastBilled + decimal.Round(LiveSince(snapshot, lastThrough, result.Plan.EvaluatedAt), 2);
        }

        return new AccountStatus
        {
            Policy = policy.Name,
            Cloud = message.Cloud,
            Account = message.Account,
            SweptAt = now,
            SweepId = message.SweepId,
            BurnUsdPerHour = summary.BurnUsdPerHour,

            // Only what was really done lowers the rate carried forward: a dry-run's plan stops nothing.
            BurnAfterSweepUsdPerHour = result.Acting ? result.BurnAfter(summary) : summary.BurnUsdPerHour,
            MaxHourlyBurnUsd = summary.Caps.MaxHourlyBurnUsd,
            MonthlyUsd = summary.Caps.MonthlyUsd,
            MonthToDateUsd = monthToDate,
            BilledUsd = billed,
            BilledThrough = billedThrough,
            LiveSinceUsd = Math.Max(0m, monthToDate - (billed ?? 0m)),
            GpuInstances = summary.GpuInstances,
            OrphanMarks = OrphanMarks(policy, snapshot),
            ExemptionsExpiring = Expiring(policy, snapshot, now),
            BillingError = billingGap is null ? null : Shorten(billingGap.Problem),
        };
    }

    /// <summary>The previous status's billed figure and its end, when both are of this read's month (a new month starts at $0 billed).</summary>
    private static (decimal? Billed, DateTimeOffset? Through) LastKnownBilled(AccountStatus? previous, DateTimeOffset readAt) =>
        previous is { BilledUsd: { } billed, BilledThrough: { } through }
        && IsoTime.MonthKey(previous.SweptAt) == IsoTime.MonthKey(readAt) && through > IsoTime.MonthStart(readAt) && through <= readAt
            ? (billed, through)
            : (null, null);

    /// <summary>Each billing instance's price since the later of its launch and <paramref name="from"/>, up to <paramref name="to"/>.</summary>
    private static decimal LiveSince(AccountSnapshot snapshot, DateTimeOffset from, DateTimeOffset to)
    {
        var sum = 0m;
        foreach (var instance in snapshot.Instances)
        {
            var start = instance.LaunchTime > from ? instance.LaunchTime : from;
            if (instance.IsBilling && start < to)
            {
                sum += instance.UsdPerHour * (decimal)(to - start).TotalHours;
            }
        }

        return sum;
    }

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "...";

    private static List<OrphanMark> OrphanMarks(Policy policy, AccountSnapshot snapshot)
    {
        if (policy.Orphans is not { } rule)
        {
            return [];
        }

        var marks = new List<OrphanMark>();
        foreach (var instance in snapshot.Instances)
        {
            if (IsoTime.TryParseLenient(instance.Tag(rule.MarkTag), out var marked))
            {
                marks.Add(new OrphanMark(instance.Id, marked, marked + rule.StopAfter, marked + rule.TerminateAfter));
            }
        }

        return marks.OrderBy(m => m.MarkedAt).Take(MaxListed).ToList();
    }

    private static List<ExpiringExemption> Expiring(Policy policy, AccountSnapshot snapshot, DateTimeOffset now)
    {
        if (policy.Exemptions is not { } rule)
        {
            return [];
        }

        var list = new List<ExpiringExemption>();
        foreach (var instance in snapshot.Instances)
        {
            if (IsoTime.TryParseLenient(instance.Tag(rule.Tag), out var until) && until > now && until <= now.AddHours(24))
            {
                list.Add(new ExpiringExemption(instance.Id, until));
            }
        }

        return list.OrderBy(e => e.ExpiresAt).Take(MaxListed).ToList();
    }
}
