using System.Text.Json;

namespace CostGuard.Azure.Pricing;

/// <summary>The shipped pay-as-you-go table (policies/prices/azure-gpu-payg.json): USD/hour per region and VM size.</summary>
internal sealed class AzurePriceTable
{
    private readonly Dictionary<string, Dictionary<string, decimal>> _regions;

    private AzurePriceTable(Dictionary<string, Dictionary<string, decimal>> regions, string source, string retrieved)
    {
        _regions = regions;
        Source = source;
        Retrieved = retrieved;
    }

    public string Source { get; }

    public string Retrieved { get; }

    /// <summary>The table embedded in this assembly.</summary>
    public static AzurePriceTable Shipped { get; } = LoadShipped();

    public static AzurePriceTable Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var regions = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.OrdinalIgnoreCase);
        foreach (var region in root.GetProperty("regions").EnumerateObject())
        {
            var sizes = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            foreach (var size in region.Value.EnumerateObject())
            {
                sizes[size.Name] = size.Value.GetDecimal();
            }

            regions[region.Name] = sizes;
        }

        return new AzurePriceTable(regions, root.GetProperty("source").GetString() ?? "", root.GetProperty("retrieved").GetString() ?? "");
    }

    public decimal? Find(string region, string size) =>
        _regions.TryGetValue(region, out var sizes) && sizes.TryGetValue(size, out var price) ? price : null;

    private static AzurePriceTable LoadShipped()
    {
        using var stream = typeof(AzurePriceTable).Assembly.GetManifestResourceStream("azure-gpu-payg.json")
            ?? throw new InvalidOperationException("The Azure price table resource azure-gpu-payg.json is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
