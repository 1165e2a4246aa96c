using CostGuard.Fanout;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Sweeps;
using CostGuard.Time;

namespace CostGuard.Status;

/// <summary>Turns one account sweep's result into the figures the status page shows.</summary>
internal static class AccountStatusBuilder
{
    private const int MaxListed = 50;

    public static AccountStatus? Build(Policy policy, SweepMessage message, SweepResult result, DateTimeOffset now)
    {
        var summary = result.Plan.Accounts.Count > 0 ? result.Plan.Accounts[0] : null;
        var snapshot = result.Reads.Count > 0 ? result.Reads[0].Snapshot : null;
        if (summary is null || snapshot is null)
        {
            return null;
        }

        // The adapter split month to date into billed spend (from the billing data, up to its end) and live burn since;
        // keep both as they are. Without billing data the whole figure is a live estimate and billed stays unknown.
        var billed = summary.BilledUsd;
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
            MonthToDateUsd = summary.MonthToDateUsd,
            BilledUsd = billed,
            BilledThrough = billed is null ? null : summary.SpendAsOf,
            LiveSinceUsd = Math.Max(0m, summary.MonthToDateUsd - (billed ?? 0m)),
            GpuInstances = summary.GpuInstances,
            OrphanMarks = OrphanMarks(policy, snapshot),
            ExemptionsExpiring = Expiring(policy, snapshot, now),
        };
    }

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
