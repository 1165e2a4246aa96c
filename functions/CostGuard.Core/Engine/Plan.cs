using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>The engine's output: what to do and what to say. Executing it is a separate step.</summary>
public sealed record Plan
{
    public required string PolicyName { get; init; }

    public required PolicyMode Mode { get; init; }

    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Stop/terminate/tag/untag decisions, in the order they should be applied.</summary>
    public required IReadOnlyList<PlannedAction> Actions { get; init; }

    public required IReadOnlyList<PlannedAlert> Alerts { get; init; }

    /// <summary>Stop/terminate decisions held back by the safety limit.</summary>
    public required IReadOnlyList<PlannedAction> Deferred { get; init; }

    public required IReadOnlyList<AccountSummary> Accounts { get; init; }

    /// <summary>Memory to hand to the next evaluation.</summary>
    public required GuardMemory Memory { get; init; }
}
