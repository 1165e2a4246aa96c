namespace CostGuard.Launches;

/// <summary>The <c>reason</c> words of launch decisions that are not action reasons.</summary>
public static class LaunchReasons
{
    public const string WithinCap = "within-cap";
    public const string Exempt = "exempt";
    public const string Orphan = "orphan";
    public const string NotGpu = "not-gpu";
    public const string NotRunning = "not-running";
    public const string NotFound = "not-found";
    public const string NotInScope = "not-in-scope";
    public const string UnhandledEvent = "unhandled-event";

    /// <summary>The ledger already holds this run of the instance: a replayed event, or the guard's own write.</summary>
    public const string AlreadyDecided = "already-decided";
}
