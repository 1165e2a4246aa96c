namespace CostGuard.Ports;

/// <summary>One audited decision or action. <see cref="Outcome"/> is "planned" in dry-run.</summary>
public sealed record AuditRecord
{
    public required DateTimeOffset Time { get; init; }

    public required string Policy { get; init; }

    public required string Cloud { get; init; }

    public required string Account { get; init; }

    public string? Region { get; init; }

    public string? Instance { get; init; }

    /// <summary>stop, terminate, tag, untag or alert.</summary>
    public required string Action { get; init; }

    public required string Reason { get; init; }

    /// <summary>enforce or dry-run.</summary>
    public required string Mode { get; init; }

    /// <summary>applied, already-done, not-found, denied, failed, skipped, planned, sent...</summary>
    public required string Outcome { get; init; }

    public string? Detail { get; init; }

    /// <summary><see cref="AuditKinds.Decision"/>, <see cref="AuditKinds.Intent"/> or <see cref="AuditKinds.Outcome"/>.</summary>
    public string Kind { get; init; } = AuditKinds.Decision;

    /// <summary>The action's deterministic id (<see cref="ActionIds"/>) on intents and outcomes; with <see cref="Kind"/> it is unique in the log.</summary>
    public string? ActionId { get; init; }

    /// <summary>The sweep that wrote the record (<see cref="SweepIds"/>).</summary>
    public string? SweepId { get; init; }
}
