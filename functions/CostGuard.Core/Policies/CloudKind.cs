namespace CostGuard.Policies;

/// <summary>The clouds CostGuard guards.</summary>
public enum CloudKind
{
    Aws,
    Azure,
}
