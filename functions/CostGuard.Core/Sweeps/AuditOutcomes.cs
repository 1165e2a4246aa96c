using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>The outcome words written to the audit log, stable for people and scripts.</summary>
public static class AuditOutcomes
{
    public const string Planned = "planned";
    public const string Deferred = "deferred";
    public const string Raised = "raised";

    /// <summary>An outcome with its reason where the reason is the point: <c>skipped: exempt now</c>, <c>already-done</c>.</summary>
    public static string Of(ActionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var word = For(outcome.Status);
        return outcome.Error is { Length: > 0 } why ? $"{word}{(outcome.Status == ActionStatus.Skipped ? ": " : " (")}{why}{(outcome.Status == ActionStatus.Skipped ? string.Empty : ")")}" : word;
    }

    public static string For(ActionStatus status) => status switch
    {
        ActionStatus.Applied => "applied",
        ActionStatus.AlreadyDone => "already-done",
        ActionStatus.NotFound => "not-found",
        ActionStatus.Denied => "denied",
        ActionStatus.Failed => "failed",
        _ => "skipped",
    };
}
