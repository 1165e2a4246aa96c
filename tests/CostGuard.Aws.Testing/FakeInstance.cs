namespace CostGuard.Aws.Testing;

/// <summary>One instance of the fake cloud; GPU/CPU are constant readings (null = the metric is not published).</summary>
public sealed class FakeInstance
{
    public required string Id { get; init; }

    public required string Account { get; init; }

    public required string Region { get; init; }

    public required string Type { get; init; }

    public string State { get; set; } = "running";

    public DateTimeOffset LaunchTime { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public bool Spot { get; init; }

    public double? GpuPercent { get; set; }

    public double? CpuPercent { get; set; }
}
