namespace CostGuard.Launches.Events;

/// <summary>Limits on event payloads.</summary>
public static class EventLimits
{
    /// <summary>256 KiB: EventBridge's own event size limit, and the most the launch path reads of any body.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Deepest JSON nesting read; real events nest 3-4 levels.</summary>
    public const int MaxDepth = 32;
}
