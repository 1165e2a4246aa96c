using CostGuard.Fleet;

namespace CostGuard.Engine;

/// <summary>One decision about one instance: what to do, why (machine-readable) and a sentence a person understands.</summary>
public sealed record PlannedAction
{
    public required ActionKind Action { get; init; }

    public required ActionReason Reason { get; init; }

    public required InstanceSnapshot Instance { get; init; }

    public required string Detail { get; init; }

    /// <summary>For tag/untag: the tag key.</summary>
    public string? TagKey { get; init; }

    /// <summary>For tag: the value written.</summary>
    public string? TagValue { get; init; }

    /// <summary>True for stop and terminate, the actions the safety limit counts.</summary>
    public bool IsDisruptive => Action is ActionKind.Stop or ActionKind.Terminate;
}
