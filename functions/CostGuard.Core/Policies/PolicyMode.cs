namespace CostGuard.Policies;

/// <summary>Whether a policy acts (<see cref="Enforce"/>) or only plans and reports (<see cref="DryRun"/>).</summary>
public enum PolicyMode
{
    Enforce,
    DryRun,
}
