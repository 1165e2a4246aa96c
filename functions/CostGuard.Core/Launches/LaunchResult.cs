using CostGuard.Fleet;
using CostGuard.Launches.Events;
using CostGuard.Ports;

namespace CostGuard.Launches;

/// <summary>What processing one event did: the decision, why, the account's burn around it and the actions' outcomes.</summary>
public sealed record LaunchResult
{
    /// <summary>The launch the event described; null for an event that is not a launch.</summary>
    public LaunchEvent? Event { get; init; }

    /// <summary>The event's type as sent.</summary>
    public required string EventType { get; init; }

    public required LaunchDecision Decision { get; init; }

    public required string Reason { get; init; }

    public required string Detail { get; init; }

    /// <summary>The instance as read (null when ignored before the read).</summary>
    public InstanceSnapshot? Instance { get; init; }

    /// <summary>The account's ledger burn before and after the decision; null when the ledger was not consulted.</summary>
    public decimal? BurnBeforeUsdPerHour { get; init; }

    public decimal? BurnAfterUsdPerHour { get; init; }

    /// <summary>The actions taken on the launched instance (and, after a rebuild, the account's cap stops).</summary>
    public IReadOnlyList<ActionOutcome> Outcomes { get; init; } = [];

    /// <summary>True in dry-run: the decision was judged, nothing was acted on and the ledger was not written.</summary>
    public bool DryRun { get; init; }

    /// <summary>True when this event rebuilt a missing or stale ledger from the account's inventory.</summary>
    public bool RebuiltLedger { get; init; }

    /// <summary>How often the ledger update lost a race and was re-run.</summary>
    public int LedgerConflictRetries { get; init; }

    /// <summary>Non-fatal problems (audit or alert delivery failed), for the report.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public static LaunchResult Ignored(LaunchEvent? launch, string type, string reason, string detail) => new()
    {
        Event = launch,
        EventType = type,
        Decision = LaunchDecision.Ignored,
        Reason = reason,
        Detail = detail,
    };
}
