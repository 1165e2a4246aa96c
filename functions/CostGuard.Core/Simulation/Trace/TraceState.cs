namespace CostGuard.Simulation.Trace;

/// <summary>The instance states a fleet trace v1 row may record.</summary>
public enum TraceState
{
    Running,
    Stopped,
    Terminated,
}
