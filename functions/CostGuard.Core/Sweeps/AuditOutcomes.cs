using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>The outcome words written to the audit log, stable for people and scripts.</summary>
public static class AuditOutcomes
{
    public const string Planned = "planned";
    public const string Deferred = "deferred";
    public const string Raised = "raised";

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
