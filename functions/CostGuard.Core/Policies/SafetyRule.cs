namespace CostGuard.Policies;

/// <summary>Limits the blast radius of one evaluation.</summary>
public sealed record SafetyRule
{
    /// <summary>Most stop/terminate actions per evaluation, across all accounts.</summary>
    public int MaxActionsPerSweep { get; init; } = 100;
}
