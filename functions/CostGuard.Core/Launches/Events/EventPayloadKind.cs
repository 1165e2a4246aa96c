namespace CostGuard.Launches.Events;

/// <summary>The envelope an event payload uses.</summary>
public enum EventPayloadKind
{
    Unknown,
    EventBridge,

    /// <summary>Azure Event Grid schema (an event or an array of them).</summary>
    EventGrid,

    /// <summary>CloudEvents 1.0 JSON (an event or an array of them).</summary>
    CloudEvents,
}
