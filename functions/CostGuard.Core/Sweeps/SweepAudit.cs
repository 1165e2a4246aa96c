using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>Turns a sweep's decisions, outcomes and alerts into audit records.</summary>
internal static class SweepAudit
{
    public static IReadOnlyList<AuditRecord> Build(Plan plan, bool acted, bool alertsRaised, IReadOnlyList<ActionOutcome> outcomes, DateTimeOffset now)
    {
        var mode = acted ? "enforce" : "dry-run";
        var records = new List<AuditRecord>();
        var byAction = new Dictionary<PlannedAction, ActionOutcome>(ReferenceEqualityComparer.Instance);
        foreach (var o in outcomes)
        {
            byAction[o.Action] = o;
        }

        foreach (var action in plan.Actions)
        {
            var outcome = byAction.GetValueOrDefault(action);
            records.Add(ForAction(plan, action, mode, now, outcome is null ? AuditOutcomes.Planned : AuditOutcomes.For(outcome.Status), outcome?.Error));
        }

        foreach (var action in plan.Deferred)
        {
            records.Add(ForAction(plan, action, mode, now, AuditOutcomes.Deferred, "held back by the safety limit"));
        }

        foreach (var alert in plan.Alerts)
        {
            records.Add(new AuditRecord
            {
                Time = now,
                Policy = plan.PolicyName,
                Cloud = PlanWords.Cloud(alert.Cloud),
                Account = alert.Account,
                Region = alert.Instance?.Region,
                Instance = alert.Instance?.Id,
                Action = "alert",
                Reason = PlanWords.Alert(alert.Kind),
                Mode = mode,
                Outcome = alertsRaised ? AuditOutcomes.Raised : AuditOutcomes.Planned,
                Detail = alert.Message,
            });
        }

        return records;
    }

    private static AuditRecord ForAction(Plan plan, PlannedAction action, string mode, DateTimeOffset now, string outcome, string? error) => new()
    {
        Time = now,
        Policy = plan.PolicyName,
        Cloud = PlanWords.Cloud(action.Instance.Cloud),
        Account = action.Instance.Account,
        Region = action.Instance.Region,
        Instance = action.Instance.Id,
        Action = PlanWords.Action(action.Action),
        Reason = PlanWords.Reason(action.Reason),
        Mode = mode,
        Outcome = outcome,
        Detail = error is null ? action.Detail : $"{action.Detail} ({error})",
    };
}
