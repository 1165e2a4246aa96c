using CostGuard.Engine;
using CostGuard.Fleet;

namespace CostGuard.Launches;

/// <summary>The pure judgement of one launch against its account's ledger: what to do and the burn before and after.</summary>
public sealed record LaunchVerdict
{
    public required LaunchDecision Decision { get; init; }

    /// <summary>Kebab-case: an action reason (<c>burn-cap</c>...) or a <see cref="LaunchReasons"/> word.</summary>
    public required string Reason { get; init; }

    /// <summary>A sentence a person understands (for a burn-cap stop: the burn the launch would have reached).</summary>
    public required string Detail { get; init; }

    public IReadOnlyList<PlannedAction> Actions { get; init; } = [];

    public IReadOnlyList<PlannedAlert> Alerts { get; init; } = [];

    /// <summary>The alert memory after this judgement (saved when it raised alerts).</summary>
    public GuardMemory? Memory { get; init; }

    public required decimal BurnBeforeUsdPerHour { get; init; }

    public required decimal BurnAfterUsdPerHour { get; init; }
}
