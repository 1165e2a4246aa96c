namespace CostGuard.Sweeps;

/// <summary>What the act-time re-check says about one planned action.</summary>
public enum ActTimeDecision
{
    /// <summary>The decision still holds: send the call.</summary>
    Proceed,

    /// <summary>The wanted state is already there (stopped, tag present): record <c>already-done</c>, send nothing.</summary>
    AlreadyDone,

    /// <summary>What the decision rested on changed since the read: record <c>skipped: &lt;reason&gt;</c>, send nothing.</summary>
    Skip,

    /// <summary>The instance no longer exists.</summary>
    NotFound,
}
