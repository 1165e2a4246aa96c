namespace CostGuard.Engine;

/// <summary>What the guard does to an instance.</summary>
public enum ActionKind
{
    Stop,
    Terminate,
    Tag,
    Untag,
}
