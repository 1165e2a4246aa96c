using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// Turns a sweep's decisions, intents, outcomes and alerts into audit records. When the sweep acts, every record
/// carries an id derived from the sweep id, so a rerun of the same sweep appends none of them twice.
/// </summary>
internal sealed class SweepAudit(string policy, string sweepId, string mode, bool withIds, DateTimeOffset now)
{
    public const string IntentWord = "intent";

    public AuditRecord Intent(PlannedAction action) =>
        ForAction(action, AuditKinds.Intent, IntentWord, action.Detail);

    public AuditRecord Outcome(ActionOutcome outcome) =>
        ForAction(outcome.Action, AuditKinds.Outcome, OutcomeWord(outcome), outcome.Error is null ? outcome.Action.Detail : $"{outcome.Action.Detail} ({outcome.Error})");

    /// <summary>Records of what was decided but not sent: dry-run plans, held and deferred actions, and the alerts.</summary>
    public IReadOnlyList<AuditRecord> Decisions(Plan plan, IReadOnlyList<PlannedAction> planned, IReadOnlyList<HeldAction> held, IReadOnlyList<ActionOutcome> unsent, bool alertsRaised)
    {
        var records = new List<AuditRecord>();
        records.AddRange(planned.Select(a => ForAction(a, AuditKinds.Decision, AuditOutcomes.Planned, a.Detail)));
        records.AddRange(held.Select(h => ForAction(h.Action, AuditKinds.Decision, HeldAction.Outcome, $"{h.Detail} ({h.Why})")));
        records.AddRange(unsent.Select(o => ForAction(o.Action, AuditKinds.Decision, OutcomeWord(o), o.Error is null ? o.Action.Detail : $"{o.Action.Detail} ({o.Error})")));
        records.AddRange(plan.Deferred.Select(a => ForAction(a, AuditKinds.Decision, AuditOutcomes.Deferred, $"{a.Detail} (held back by the safety limit)")));
        foreach (var alert in plan.Alerts)
        {
            records.Add(new AuditRecord
            {
                Time = now,
                Policy = policy,
                Cloud = PlanWords.Cloud(alert.Cloud),
                Account = alert.Account,
                Region = alert.Instance?.Region,
                Instance = alert.Instance?.Id,
                Action = AuditActions.Alert,
                Reason = PlanWords.Alert(alert.Kind),
                Mode = mode,
                Outcome = alertsRaised ? AuditOutcomes.Raised : AuditOutcomes.Planned,
                Detail = alert.Message,
                Kind = AuditKinds.Decision,
                ActionId = withIds ? SweepRecordIds.Alert(sweepId, alert) : null,
                SweepId = sweepId,
            });
        }

        return records;
    }

    /// <summary>The audit word of an outcome: <c>applied</c>, <c>already-done</c>, <c>skipped: exempt now</c>...</summary>
    public static string OutcomeWord(ActionOutcome outcome) =>
        outcome.Status == ActionStatus.Skipped && outcome.Error is { Length: > 0 } why ? $"skipped: {why}" : AuditOutcomes.For(outcome.Status);

    private AuditRecord ForAction(PlannedAction action, string kind, string outcome, string detail) => new()
    {
        Time = now,
        Policy = policy,
        Cloud = PlanWords.Cloud(action.Instance.Cloud),
        Account = action.Instance.Account,
        Region = action.Instance.Region,
        Instance = action.Instance.Id,
        Action = PlanWords.Action(action.Action),
        Reason = PlanWords.Reason(action.Reason),
        Mode = mode,
        Outcome = outcome,
        Detail = detail,
        Kind = kind,
        ActionId = withIds || kind != AuditKinds.Decision ? SweepRecordIds.Action(policy, sweepId, action) : null,
        SweepId = sweepId,
    };
}
