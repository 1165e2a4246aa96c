namespace CostGuard.Azure.Fakes;

/// <summary>A VM the fake ARM serves; mutable because actions change it.</summary>
internal sealed class FakeVm
{
    public required string Subscription { get; init; }

    public string ResourceGroup { get; init; } = "rg-ml";

    public required string Name { get; init; }

    public required string Location { get; init; }

    public string Size { get; init; } = "Standard_NC24ads_A100_v4";

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset TimeCreated { get; init; } = new(2026, 1, 10, 9, 12, 33, TimeSpan.Zero);

    public string PowerState { get; set; } = "running";

    /// <summary>ProvisioningState status time (the last operation, e.g. a start); null means <see cref="TimeCreated"/>.</summary>
    public DateTimeOffset? LastOperation { get; set; }

    public string Priority { get; init; } = "Regular";

    /// <summary>CPU % per bin start; absent bins have no datapoint.</summary>
    public Dictionary<DateTimeOffset, double> Cpu { get; } = [];

    /// <summary>GPU % rows per bin start, one per GPU (the fake's workspace holds them).</summary>
    public Dictionary<DateTimeOffset, double[]> Gpu { get; } = [];

    public string Id => $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{Name}";
}
