using CostGuard.Engine;
using CostGuard.Engine.Rules;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using CostGuard.Time;

namespace CostGuard.Launches;

/// <summary>
/// Judges one GPU launch against its account's ledger: a pure function of (policy, ledger, instance, memory, now)
/// returning the verdict and the ledger to write. Run inside the ledger's atomic update, so concurrent launches are
/// judged one after another and none can slip under a cap another one already used up.
/// </summary>
public static class LaunchJudge
{
    public static (LaunchVerdict Verdict, BurnLedgerState? Next) Judge(
        Policy policy, BurnLedgerState ledger, InstanceSnapshot instance, GuardMemory memory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(instance);

        var before = ledger.BurnUsdPerHour;
        var existing = ledger.Find(instance.Id);
        if (IsAlreadyDecided(existing, instance))
        {
            return (new LaunchVerdict
            {
                Decision = LaunchDecision.Ignored,
                Reason = LaunchReasons.AlreadyDecided,
                Detail = $"the ledger already holds this run of {instance.Id} ({Describe(existing!)}): a replayed event or the guard's own write changes nothing",
                BurnBeforeUsdPerHour = before,
                BurnAfterUsdPerHour = before,
            }, null);
        }

        // A sweep (or rebuild) that already saw this run judged the caps over the whole account: only governance is left.
        var accounted = existing is { Origin: LedgerEntryOrigin.Inventory, Status: LedgerEntryStatus.Running };
        var context = new EvaluationContext(policy, memory, now, new EvaluationFocus(instance.Cloud, instance.Account, instance.Id));
        var exempt = ExemptionRuleEvaluator.Evaluate(context, instance) == ExemptionStatus.Exempt;
        OrphanRuleEvaluator.Evaluate(context, instance, exempt);
        var actions = new List<PlannedAction>(context.Actions);
        var stop = exempt ? null : actions.FirstOrDefault(a => a.IsDisruptive) ?? CapStop(context, ledger, instance, accounted, before);
        if (stop is not null && !actions.Contains(stop))
        {
            actions.Add(stop);
        }

        if (accounted && actions.Count == 0)
        {
            // Held since the last sweep and nothing to do: a write to a VM the guard already counts (a tag change,
            // the guard's own mark) or a late event. Writing nothing keeps it from ever looping.
            return (new LaunchVerdict
            {
                Decision = LaunchDecision.Ignored,
                Reason = LaunchReasons.AlreadyDecided,
                Detail = $"the ledger already counts {instance.Id} since the last sweep ({Describe(existing!)}); nothing to do",
                Alerts = context.Alerts,
                Memory = context.NextMemory(),
                BurnBeforeUsdPerHour = before,
                BurnAfterUsdPerHour = before,
            }, null);
        }

        var entry = new LedgerEntry
        {
            InstanceId = instance.Id,
            UsdPerHour = instance.UsdPerHour,
            LaunchTime = instance.LaunchTime,
            Status = stop is null ? LedgerEntryStatus.Running : LedgerEntryStatus.Stopped,
            Origin = LedgerEntryOrigin.Launch,
            RecordedAt = now,
            Reason = stop is null ? null : PlanWords.Reason(stop.Reason),
            Exempt = exempt,
        };
        var entries = new List<LedgerEntry>(ledger.Entries.Count + 1);
        entries.AddRange(ledger.Entries.Where(e => !ReferenceEquals(e, existing)));
        entries.Add(entry);
        var next = ledger with { Entries = entries };

        var marked = actions.Any(a => a.Action == ActionKind.Tag);
        var verdict = new LaunchVerdict
        {
            Decision = stop is not null ? LaunchDecision.Stopped : marked ? LaunchDecision.Marked : LaunchDecision.Allowed,
            Reason = stop is not null ? PlanWords.Reason(stop.Reason) : marked ? LaunchReasons.Orphan : exempt ? LaunchReasons.Exempt : LaunchReasons.WithinCap,
            Detail = stop?.Detail ?? (marked ? actions.First(a => a.Action == ActionKind.Tag).Detail : Fits(instance, before, next.BurnUsdPerHour, exempt, accounted)),
            Actions = actions,
            Alerts = context.Alerts,
            Memory = context.NextMemory(),
            BurnBeforeUsdPerHour = before,
            BurnAfterUsdPerHour = next.BurnUsdPerHour,
        };
        return (verdict, next);
    }

    private static bool IsAlreadyDecided(LedgerEntry? existing, InstanceSnapshot instance) => existing switch
    {
        null => false,

        // Held by an earlier launch decision: whatever run this is, the burn already counts it.
        { Origin: LedgerEntryOrigin.Launch, Status: LedgerEntryStatus.Running } => true,

        // Stopped by the guard: the same run again is a replay; a later start is a new launch to judge.
        { Status: LedgerEntryStatus.Stopped } => existing.LaunchTime >= instance.LaunchTime,
        _ => false,
    };

    private static PlannedAction? CapStop(EvaluationContext context, BurnLedgerState ledger, InstanceSnapshot instance, bool accounted, decimal before)
    {
        var policy = context.Policy;
        var caps = policy.SpendCap?.For(instance.Account);
        if (caps?.MonthlyUsd is { } monthly)
        {
            var monthToDate = MonthToDate.Estimate(ledger, context.Now);
            if (monthToDate >= monthly)
            {
                RaiseCapBreach(context, instance, monthToDate, monthly);
                return Stop(instance, ActionReason.MonthlyCap,
                    $"account month-to-date GPU spend {Money.Usd(monthToDate)} (billed + live estimate) reached the {Money.Usd(monthly)} monthly cap; stopped at launch");
            }
        }

        if (policy.Orphans is { AtLaunch: OrphanLaunchAction.Stop, RequiredTags.Count: > 0 } orphans
            && orphans.RequiredTags.Any(t => string.IsNullOrWhiteSpace(instance.Tag(t))))
        {
            var missing = string.Join(", ", orphans.RequiredTags.Where(t => string.IsNullOrWhiteSpace(instance.Tag(t))));
            return Stop(instance, ActionReason.UntaggedAtLaunch,
                $"launched without required tags {missing}; stopped at once (orphans.atLaunch is \"stop\")");
        }

        if (!accounted && caps?.MaxHourlyBurnUsd is { } cap && before + instance.UsdPerHour > cap)
        {
            return Stop(instance, ActionReason.BurnCap,
                $"this launch ({Money.PerHour(instance.UsdPerHour)}) would have taken the account's GPU burn from {Money.PerHour(before)} "
                + $"to {Money.PerHour(before + instance.UsdPerHour)}, over the {Money.PerHour(cap)} cap; stopped at launch");
        }

        return null;
    }

    private static PlannedAction Stop(InstanceSnapshot instance, ActionReason reason, string detail) =>
        new() { Action = ActionKind.Stop, Reason = reason, Instance = instance, Detail = detail };

    private static void RaiseCapBreach(EvaluationContext context, InstanceSnapshot instance, decimal monthToDate, decimal monthly)
    {
        // The sweep's dedup key: a breach is announced once a month whichever path sees it first.
        var cloud = EvaluationContext.CloudName(instance.Cloud);
        context.Raise(new PlannedAlert
        {
            Kind = AlertKind.CapBreach,
            Severity = AlertSeverity.Critical,
            Cloud = instance.Cloud,
            Account = instance.Account,
            Message = $"Account {instance.Account}: month-to-date GPU spend {Money.Usd(monthToDate)} reached the {Money.Usd(monthly)} monthly cap; "
                + "every new GPU launch is stopped at once and the next sweep stops the rest.",
            DedupKey = $"cap-breach|{cloud}|{instance.Account}|{IsoTime.MonthKey(context.Now)}",
        });
    }

    private static string Fits(InstanceSnapshot instance, decimal before, decimal after, bool exempt, bool accounted) =>
        exempt
            ? $"exempt; counted in the account's GPU burn ({Money.PerHour(before)} -> {Money.PerHour(after)}) but never stopped"
            : accounted
                ? $"already counted by the last sweep in the account's GPU burn ({Money.PerHour(after)})"
                : $"fits: the account's GPU burn goes from {Money.PerHour(before)} to {Money.PerHour(after)} ({Money.PerHour(instance.UsdPerHour)} for {instance.Type})";

    private static string Describe(LedgerEntry entry) =>
        entry.Status == LedgerEntryStatus.Running
            ? $"running at {Money.PerHour(entry.UsdPerHour)}"
            : $"stopped, {entry.Reason ?? "by the guard"}";
}
