using System.Text.Json;
using CostGuard.Policies;

namespace CostGuard.Aws.Pricing;

/// <summary>
/// The shipped on-demand GPU price table (policies/prices/aws-gpu-ondemand.json, embedded), with the
/// policy's negotiated-rate overrides applied. Unknown types are reported, never guessed.
/// </summary>
internal sealed class AwsPriceTable
{
    private readonly Dictionary<string, Dictionary<string, decimal>> _regions;

    private AwsPriceTable(Dictionary<string, Dictionary<string, decimal>> regions, string source, string retrieved)
    {
        _regions = regions;
        Source = source;
        Retrieved = retrieved;
    }

    public string Source { get; }

    public string Retrieved { get; }

    /// <summary>Every instance family the table knows, e.g. <c>p4d</c>, for expanding wildcard families.</summary>
    public IReadOnlyList<string> KnownFamilies => _regions.Values.SelectMany(r => r.Keys).Select(t => t.Split('.')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static AwsPriceTable LoadShipped()
    {
        using var stream = typeof(AwsPriceTable).Assembly.GetManifestResourceStream("aws-gpu-ondemand.json")
            ?? throw new InvalidOperationException("the shipped AWS price table is missing from the assembly");
        return Parse(JsonDocument.Parse(stream));
    }

    internal static AwsPriceTable Parse(JsonDocument doc)
    {
        var root = doc.RootElement;
        var regions = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.OrdinalIgnoreCase);
        foreach (var region in root.GetProperty("regions").EnumerateObject())
        {
            regions[region.Name] = region.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.OrdinalIgnoreCase);
        }

        return new AwsPriceTable(regions, root.GetProperty("source").GetString() ?? string.Empty, root.GetProperty("retrieved").GetString() ?? string.Empty);
    }

    /// <summary>USD/hour for <paramref name="type"/> in <paramref name="region"/>, or null when neither the policy nor the table knows it.</summary>
    public decimal? Lookup(string region, string type, PricingOverrides? overrides)
    {
        if (overrides is not null)
        {
            foreach (var (key, usd) in overrides.UsdPerHour)
            {
                if (string.Equals(key, type, StringComparison.OrdinalIgnoreCase))
                {
                    return usd;
                }
            }
        }

        if (!_regions.TryGetValue(region, out var table) || !table.TryGetValue(type, out var listPrice))
        {
            return null;
        }

        var discount = overrides?.DiscountPercent ?? 0m;
        return decimal.Round(listPrice * (100m - discount) / 100m, 6);
    }
}
