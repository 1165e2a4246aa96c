using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// Closes intents that never got an outcome (the process died between the intent and the outcome), judged against a
/// complete fresh read of the account: the action's effect is there (<c>already-done</c>), the instance is gone
/// (<c>not-found</c>; for a terminate, <c>already-done</c>: terminated instances are not listed), or the effect is not
/// there and no current decision repeats the action (<c>skipped</c>, saying so).
/// </summary>
internal static class OpenIntents
{
    public static AuditRecord Resolve(Policy policy, AuditRecord intent, AccountSnapshot snapshot, bool plannedAgain, string sweepId, DateTimeOffset now)
    {
        var instance = snapshot.Instances.FirstOrDefault(i => string.Equals(i.Id, intent.Instance, StringComparison.Ordinal));
        var mark = policy.Orphans?.MarkTag ?? "costguard:orphan";
        var (outcome, why) = (intent.Action, instance) switch
        {
            ("terminate", null) => ("already-done", "the instance is gone"),
            (_, null) => ("not-found", "the instance no longer exists"),
            ("stop", { State: InstanceState.Stopped or InstanceState.Stopping or InstanceState.Terminated }) => ("already-done", $"the instance is {PlanWords.Of(instance.State)}"),
            ("terminate", { State: InstanceState.Terminated }) => ("already-done", "the instance is terminated"),
            ("tag", _) when instance.Tag(mark) is not null => ("already-done", $"the instance carries {mark}"),
            ("untag", _) when instance.Tag(mark) is null => ("already-done", $"the instance no longer carries {mark}"),
            _ when plannedAgain => ("skipped", $"not confirmed: the instance is {PlanWords.Of(instance.State)}; superseded by sweep {sweepId}, which decides the same action again"),
            _ => ("skipped", $"not confirmed: the instance is {PlanWords.Of(instance.State)} and no current decision repeats the action"),
        };
        return intent with
        {
            Time = now,
            Kind = AuditKinds.Outcome,
            Outcome = outcome,
            SweepId = sweepId,
            Detail = $"{why} (the sweep {intent.SweepId ?? "?"} ended before recording this outcome; resolved by the next sweep)",
        };
    }
}
