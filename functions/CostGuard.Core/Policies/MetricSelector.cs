namespace CostGuard.Policies;

/// <summary>Names one metric in a cloud's metric store.</summary>
public sealed record MetricSelector
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    /// <summary>Extra dimensions to match (AWS), beyond the instance id.</summary>
    public IReadOnlyDictionary<string, string>? Dimensions { get; init; }
}
