namespace CostGuard.Ports;

/// <summary>One GPU instance in an account's burn ledger, with its price as last known.</summary>
public sealed record LedgerEntry
{
    /// <summary>EC2 instance id or Azure VM resource id.</summary>
    public required string InstanceId { get; init; }

    public required decimal UsdPerHour { get; init; }

    /// <summary>When this run of the instance started: a later start of the same instance is a new launch.</summary>
    public required DateTimeOffset LaunchTime { get; init; }

    public required LedgerEntryStatus Status { get; init; }

    public required LedgerEntryOrigin Origin { get; init; }

    /// <summary>When the entry was written; a sweep keeps launch entries written after its inventory read.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Why the guard stopped it (<c>burn-cap</c>, <c>monthly-cap</c>, <c>untagged-at-launch</c>...); null while running.</summary>
    public string? Reason { get; init; }

    /// <summary>Exempt instances count in the burn (they bill) but are never stopped.</summary>
    public bool Exempt { get; init; }
}
