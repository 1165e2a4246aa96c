namespace CostGuard.Fleet;

/// <summary>Everything the engine knows about the fleet at one moment: the input of one evaluation.</summary>
public sealed record FleetSnapshot
{
    public required IReadOnlyList<AccountSnapshot> Accounts { get; init; }

    /// <summary>What earlier evaluations already alerted on, so the stateless engine raises each alert once.</summary>
    public GuardMemory Memory { get; init; } = GuardMemory.Empty;
}
