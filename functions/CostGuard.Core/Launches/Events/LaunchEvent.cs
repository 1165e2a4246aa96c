using CostGuard.Policies;

namespace CostGuard.Launches.Events;

/// <summary>A launch (EC2 state change to running, or an Azure VM write) as the launch path sees it, cloud-neutral.</summary>
public sealed record LaunchEvent
{
    public required CloudKind Cloud { get; init; }

    /// <summary>12-digit AWS account id or Azure subscription GUID.</summary>
    public required string Account { get; init; }

    /// <summary>AWS region; empty for Azure (the resource id locates the VM).</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary>EC2 instance id or Azure VM resource id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The state the event reports (EC2 <c>running</c>); null when the event does not say (Azure writes).</summary>
    public string? State { get; init; }

    public DateTimeOffset? Time { get; init; }

    /// <summary>The event's own id (EventBridge <c>id</c>, Event Grid <c>id</c>), for the audit trail.</summary>
    public string? EventId { get; init; }

    /// <summary>EventBridge <c>source</c> or Event Grid topic.</summary>
    public required string Source { get; init; }

    /// <summary>EventBridge <c>detail-type</c> or Event Grid <c>eventType</c>.</summary>
    public required string Type { get; init; }
}
