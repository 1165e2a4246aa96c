using System.Globalization;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Engine.Rules;

/// <summary>
/// Rule 4. Account-level spend, summed over every region and environment of the account. Caps apply to
/// each account separately. Burn is the USD/hour of billing GPU instances after the stops already
/// decided; over the burn cap the newest instances stop first; at the monthly cap every non-exempt
/// billing GPU instance stops. Money is decimal throughout: a float 29.999... must not delay a threshold.
/// </summary>
internal static class SpendRuleEvaluator
{
    /// <summary>Applies the caps and returns the account's burn before and after this plan's stops.</summary>
    public static (decimal Before, decimal After) Evaluate(EvaluationContext context, AccountEvaluation account, EffectiveCaps? caps)
    {
        // Runs for every account on every sweep (and every simulated one): plain loops over the GPU instances, and
        // no list, key or text is built until a threshold is crossed.
        var gpu = account.GpuInstances;
        var before = Sum(gpu);
        if (caps is null)
        {
            return (before, BurnAfter(context, gpu));
        }

        var snapshot = account.Account;
        var burn = BurnAfter(context, gpu);
        var monthlyReached = caps.MonthlyUsd is { } m && snapshot.MonthToDateUsd >= m;
        var burnOver = caps.MaxHourlyBurnUsd is { } b && burn > b;
        if (!monthlyReached && !burnOver && !AnyWarningReached(caps, snapshot.MonthToDateUsd))
        {
            // Nothing to say or do; only the over-cap memory may need to forget this account.
            if (caps.MaxHourlyBurnUsd is not null && context.OverBurnCap.Count > 0)
            {
                context.OverBurnCap.Remove(EvaluationContext.AccountKey(snapshot.Cloud, snapshot.Id));
            }

            return (before, burn);
        }

        var billing = Billing(gpu);
        var accountKey = EvaluationContext.AccountKey(snapshot.Cloud, snapshot.Id);
        var month = IsoTime.MonthKey(context.Now);
        var cloud = EvaluationContext.CloudName(snapshot.Cloud);
        var candidates = Candidates(context, account, billing);

        if (caps.MonthlyUsd is { } monthly)
        {
            foreach (var percent in caps.WarnAtPercent.Order())
            {
                var threshold = monthly * percent / 100m;
                if (snapshot.MonthToDateUsd >= threshold)
                {
                    context.Raise(new PlannedAlert
                    {
                        Kind = AlertKind.CapWarning,
                        Severity = AlertSeverity.Warning,
                        Cloud = snapshot.Cloud,
                        Account = snapshot.Id,
                        Message = $"Account {snapshot.Id}: month-to-date GPU spend {Money.Usd(snapshot.MonthToDateUsd)} has reached "
                            + $"{percent.ToString(CultureInfo.InvariantCulture)}% of the {Money.Usd(monthly)} monthly cap "
                            + $"(live burn {Money.PerHour(before)}).",
                        DedupKey = $"cap-warning|{cloud}|{snapshot.Id}|{month}|{percent.ToString(CultureInfo.InvariantCulture)}",
                    });
                }
            }

            if (snapshot.MonthToDateUsd >= monthly)
            {
                context.Raise(new PlannedAlert
                {
                    Kind = AlertKind.CapBreach,
                    Severity = AlertSeverity.Critical,
                    Cloud = snapshot.Cloud,
                    Account = snapshot.Id,
                    Message = $"Account {snapshot.Id}: month-to-date GPU spend {Money.Usd(snapshot.MonthToDateUsd)} reached the "
                        + $"{Money.Usd(monthly)} monthly cap; every non-exempt running GPU instance is stopped "
                        + $"({candidates.Count} now, {Money.PerHour(candidates.Sum(i => i.UsdPerHour))}).",
                    DedupKey = $"cap-breach|{cloud}|{snapshot.Id}|{month}",
                });
            }
        }

        if (caps.MaxHourlyBurnUsd is { } maxBurn)
        {
            if (burn > maxBurn)
            {
                if (!context.OverBurnCap.Contains(accountKey))
                {
                    context.Raise(new PlannedAlert
                    {
                        Kind = AlertKind.BurnCap,
                        Severity = AlertSeverity.Critical,
                        Cloud = snapshot.Cloud,
                        Account = snapshot.Id,
                        Message = $"Account {snapshot.Id}: live GPU burn {Money.PerHour(burn)} is over the {Money.PerHour(maxBurn)} cap "
                            + $"across {billing.Count} running GPU instances; the newest non-exempt ones are stopped until it is back under.",
                        DedupKey = $"burn-cap|{cloud}|{snapshot.Id}|{IsoTime.Format(context.Now)}",
                    });
                }

                context.OverBurnCap.Add(accountKey);
            }
            else
            {
                context.OverBurnCap.Remove(accountKey);
            }
        }

        if (caps.MonthlyUsd is { } cap && snapshot.MonthToDateUsd >= cap)
        {
            foreach (var instance in candidates)
            {
                context.Decide(new PlannedAction
                {
                    Action = ActionKind.Stop,
                    Reason = ActionReason.MonthlyCap,
                    Instance = instance,
                    Detail = $"account month-to-date GPU spend {Money.Usd(snapshot.MonthToDateUsd)} reached the {Money.Usd(cap)} monthly cap",
                });
            }
        }
        else if (caps.MaxHourlyBurnUsd is { } burnCap && burn > burnCap)
        {
            // Newest first: the launches of a parallel sweep are what blew the budget. Ties stop the
            // higher instance id first so the result never depends on input order.
            var newestFirst = candidates
                .OrderByDescending(i => i.LaunchTime)
                .ThenByDescending(i => i.Id, StringComparer.Ordinal);
            foreach (var instance in newestFirst)
            {
                if (burn <= burnCap)
                {
                    break;
                }

                var from = burn;
                burn -= instance.UsdPerHour;
                context.Decide(new PlannedAction
                {
                    Action = ActionKind.Stop,
                    Reason = ActionReason.BurnCap,
                    Instance = instance,
                    Detail = $"account GPU burn {Money.PerHour(from)} over the {Money.PerHour(burnCap)} cap; "
                        + $"newest instances stop first (this one {Money.PerHour(instance.UsdPerHour)}, launched {IsoTime.Format(instance.LaunchTime)})",
                });
            }
        }

        return (before, BurnAfter(context, billing));
    }

    private static bool AnyWarningReached(EffectiveCaps caps, decimal monthToDate)
    {
        if (caps.MonthlyUsd is not { } monthly)
        {
            return false;
        }

        foreach (var percent in caps.WarnAtPercent)
        {
            if (monthToDate >= monthly * percent / 100m)
            {
                return true;
            }
        }

        return false;
    }

    private static List<InstanceSnapshot> Billing(IReadOnlyList<InstanceSnapshot> gpuInstances)
    {
        var billing = new List<InstanceSnapshot>(gpuInstances.Count);
        foreach (var instance in gpuInstances)
        {
            if (instance.IsBilling)
            {
                billing.Add(instance);
            }
        }

        return billing;
    }

    private static List<InstanceSnapshot> Candidates(EvaluationContext context, AccountEvaluation account, List<InstanceSnapshot> billing)
    {
        var candidates = new List<InstanceSnapshot>(billing.Count);
        foreach (var instance in billing)
        {
            if (!account.Exempt.Contains(instance) && !context.IsDisrupted(instance))
            {
                candidates.Add(instance);
            }
        }

        return candidates;
    }

    // Billing instances summed in list order from 0m, exactly as Enumerable.Sum did (decimal results keep the same scale).
    private static decimal Sum(IReadOnlyList<InstanceSnapshot> instances)
    {
        var sum = 0m;
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            if (instance.IsBilling)
            {
                sum += instance.UsdPerHour;
            }
        }

        return sum;
    }

    private static decimal BurnAfter(EvaluationContext context, IReadOnlyList<InstanceSnapshot> instances)
    {
        var sum = 0m;
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            if (instance.IsBilling && !context.IsDisrupted(instance))
            {
                sum += instance.UsdPerHour;
            }
        }

        return sum;
    }
}
