namespace CostGuard.Policies;

/// <summary>Negotiated rates that replace the shipped on-demand price tables.</summary>
public sealed record PricingOverrides
{
    /// <summary>Discount applied to shipped on-demand prices (e.g. an EDP or MACC), 0..100.</summary>
    public decimal DiscountPercent { get; init; }

    /// <summary>Explicit USD/hour per instance type or VM size; wins over the table and the discount.</summary>
    public IReadOnlyDictionary<string, decimal> UsdPerHour { get; init; } = new Dictionary<string, decimal>();
}
