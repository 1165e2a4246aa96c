namespace CostGuard.Ports;

/// <summary>
/// The kinds of audit record. An action is audited twice: an <see cref="Intent"/> appended before the cloud call
/// that changes a resource, and an <see cref="Outcome"/> after it, both carrying the action's
/// <see cref="AuditRecord.ActionId"/>. An intent without an outcome is an action that may or may not have reached
/// the cloud (the process died): the next run of the same sweep re-checks the instance and records the outcome.
/// </summary>
public static class AuditKinds
{
    /// <summary>A decision that is not an action call: dry-run plans, deferred actions, alerts.</summary>
    public const string Decision = "decision";

    /// <summary>Appended before the cloud call that changes a resource.</summary>
    public const string Intent = "intent";

    /// <summary>Appended after the call (applied, already-done, failed, denied, not-found, skipped...).</summary>
    public const string Outcome = "outcome";
}
