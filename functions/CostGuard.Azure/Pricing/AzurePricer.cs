using CostGuard.Policies;

namespace CostGuard.Azure.Pricing;

/// <summary>Prices a VM: the policy's explicit rate wins, else the shipped table less the policy's discount.</summary>
internal static class AzurePricer
{
    /// <summary>USD/hour, or null when neither the policy nor the table knows the size in that region.</summary>
    public static decimal? PriceOf(AzurePriceTable table, PricingOverrides? overrides, string region, string size)
    {
        if (overrides is not null)
        {
            foreach (var pair in overrides.UsdPerHour)
            {
                if (string.Equals(pair.Key, size, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }
        }

        var listed = table.Find(region, size);
        var discount = overrides?.DiscountPercent ?? 0m;
        return listed is null ? null : decimal.Round(listed.Value * (100m - discount) / 100m, 6);
    }
}
