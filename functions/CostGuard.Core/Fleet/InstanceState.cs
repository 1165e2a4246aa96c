namespace CostGuard.Fleet;

/// <summary>Lifecycle state, normalized across clouds.</summary>
public enum InstanceState
{
    Pending,
    Running,

    /// <summary>Azure "stopped" (powered off, not deallocated): compute is still billed.</summary>
    PoweredOff,
    Stopping,

    /// <summary>Not billing compute (EC2 stopped, Azure deallocated).</summary>
    Stopped,
    Terminated,
}
