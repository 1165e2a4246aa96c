using CostGuard.Engine;

namespace CostGuard.Ports;

/// <summary>What one sweep has to say: the engine's alerts and the outcomes of the actions it applied.</summary>
public sealed record AlertBatch
{
    public required DateTimeOffset Time { get; init; }

    public required IReadOnlyList<PlannedAlert> Alerts { get; init; }

    public IReadOnlyList<ActionOutcome> Actions { get; init; } = [];
}
