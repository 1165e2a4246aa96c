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
}
