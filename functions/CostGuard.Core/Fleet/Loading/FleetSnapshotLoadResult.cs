namespace CostGuard.Fleet.Loading;

/// <summary>The outcome of loading a fleet snapshot: the snapshot when valid, otherwise every error found.</summary>
public sealed record FleetSnapshotLoadResult
{
    public FleetSnapshot? Snapshot { get; init; }

    public IReadOnlyList<SnapshotError> Errors { get; init; } = [];

    public bool IsValid => Snapshot is not null && Errors.Count == 0;
}
