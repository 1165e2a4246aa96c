namespace CostGuard.Fleet;

/// <summary>
/// The little the engine must remember between evaluations to raise each alert once: which alerts were
/// raised (by dedup key, with when) and which accounts are currently over their burn cap. The engine
/// stays a pure function by taking this in with the snapshot and handing the next one back in the plan.
/// </summary>
public sealed record GuardMemory
{
    /// <summary>Keys older than this are forgotten; every key that matters embeds its month or day.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(62);

    public static readonly GuardMemory Empty = new();

    public IReadOnlyDictionary<string, DateTimeOffset> RaisedAlerts { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Accounts (as <c>cloud:id</c>) over their burn cap at the last evaluation.</summary>
    public IReadOnlySet<string> AccountsOverBurnCap { get; init; } = new HashSet<string>();
}
