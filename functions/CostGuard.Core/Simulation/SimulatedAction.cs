using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>An action the guard took (or, in dry-run, planned) at one simulated time.</summary>
public sealed record SimulatedAction
{
    public required DateTimeOffset Time { get; init; }

    public required CloudKind Cloud { get; init; }

    public required string Account { get; init; }

    public required string Region { get; init; }

    public required string Instance { get; init; }

    public required ActionKind Action { get; init; }

    public required ActionReason Reason { get; init; }

    public required string Detail { get; init; }

    public string? TagKey { get; init; }

    public string? TagValue { get; init; }

    /// <summary>For stop/terminate: when the trace next shows the instance active (GPU at or above the idle threshold); null if never.</summary>
    public DateTimeOffset? NextActiveAt { get; init; }

    public bool IsDisruptive => Action is ActionKind.Stop or ActionKind.Terminate;
}
