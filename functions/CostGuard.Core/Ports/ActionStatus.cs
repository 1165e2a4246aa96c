namespace CostGuard.Ports;

/// <summary>Outcome of applying one action.</summary>
public enum ActionStatus
{
    Applied,

    /// <summary>Already in the wanted state (idempotent no-op).</summary>
    AlreadyDone,

    /// <summary>The instance no longer exists.</summary>
    NotFound,

    /// <summary>The cloud refused (UnauthorizedOperation, AuthorizationFailed).</summary>
    Denied,
    Failed,

    /// <summary>Not attempted: dry-run, out of scope, or the account's inventory was incomplete.</summary>
    Skipped,
}
