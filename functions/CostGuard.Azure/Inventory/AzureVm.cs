namespace CostGuard.Azure.Inventory;

/// <summary>One VM as listed: the model list's size, tags and creation time joined with the status list's power state.</summary>
internal sealed record AzureVm
{
    public required string Id { get; init; }

    public required string Region { get; init; }

    public required string Size { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    public DateTimeOffset? TimeCreated { get; init; }

    /// <summary>The <c>PowerState/...</c> code's suffix (running, deallocated...); null when the status list lacked the VM.</summary>
    public string? PowerState { get; init; }

    public bool Spot { get; init; }

    /// <summary>When the last operation (e.g. a start) finished: the ProvisioningState status time of the instance view.</summary>
    public DateTimeOffset? LastOperationTime { get; init; }

    /// <summary>
    /// When the VM last started billing, as far as ARM says without the activity log: the later of creation and
    /// the last operation. A VM restarted after weeks deallocated must not look "running for weeks" (its empty
    /// metrics would then fail closed and stop it); a later tag update only makes the guard wait longer.
    /// </summary>
    public DateTimeOffset? LaunchTime => LastOperationTime is { } last && (TimeCreated is null || last > TimeCreated) ? last : TimeCreated;
}
