using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Launches.Events;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using CostGuard.Time;

namespace CostGuard.Launches;

/// <summary>Audit records of the launch path: an intent before each cloud call, the outcome after, and the decision itself.</summary>
internal static class LaunchAudit
{
    /// <summary>The audit's sweep id for a launch: one per run of one instance, so a replay finds the same action ids.</summary>
    public static string RunId(InstanceSnapshot instance) => $"launch/{instance.Id}/{IsoTime.Format(instance.LaunchTime)}";

    public static IReadOnlyList<AuditRecord> Intents(Policy policy, IReadOnlyList<PlannedAction> actions, DateTimeOffset now) =>
        actions.Select(a => ForAction(policy, a, now, AuditKinds.Intent, "intended", null)).ToList();

    public static IReadOnlyList<AuditRecord> Build(
        Policy policy, LaunchEvent launch, InstanceSnapshot instance, LaunchVerdict verdict, IReadOnlyList<ActionOutcome> outcomes, bool enforce, DateTimeOffset now)
    {
        var records = new List<AuditRecord>
        {
            new()
            {
                Time = now,
                Policy = policy.Name,
                Cloud = PlanWords.Cloud(launch.Cloud),
                Account = launch.Account,
                Region = instance.Region,
                Instance = instance.Id,
                Action = "launch",
                Reason = verdict.Reason,
                Mode = PlanWords.Mode(policy.Mode),
                Outcome = PlanWords.Of(verdict.Decision),
                Detail = $"{verdict.Detail} (event {launch.EventId ?? "without id"})",
                SweepId = RunId(instance),
            },
        };
        if (enforce)
        {
            records.AddRange(outcomes.Select(o => ForAction(policy, o.Action, now, AuditKinds.Outcome, AuditOutcomes.For(o.Status), o.Error)));
        }
        else
        {
            records.AddRange(verdict.Actions.Select(a => ForAction(policy, a, now, AuditKinds.Decision, AuditOutcomes.Planned, null)));
        }

        return records;
    }

    private static AuditRecord ForAction(Policy policy, PlannedAction action, DateTimeOffset now, string kind, string outcome, string? error)
    {
        var runId = RunId(action.Instance);
        return new AuditRecord
        {
            Time = now,
            Policy = policy.Name,
            Cloud = PlanWords.Cloud(action.Instance.Cloud),
            Account = action.Instance.Account,
            Region = action.Instance.Region,
            Instance = action.Instance.Id,
            Action = PlanWords.Action(action.Action),
            Reason = PlanWords.Reason(action.Reason),
            Mode = PlanWords.Mode(policy.Mode),
            Outcome = outcome,
            Detail = error is null ? action.Detail : $"{action.Detail} ({error})",
            Kind = kind,
            ActionId = kind == AuditKinds.Decision ? null : ActionIds.For(policy.Name, runId, action.Instance.Cloud, action.Instance.Account, action.Instance.Id, action.Action),
            SweepId = runId,
        };
    }
}
