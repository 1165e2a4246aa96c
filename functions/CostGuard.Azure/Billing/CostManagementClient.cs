using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using CostGuard.Azure.Http;

namespace CostGuard.Azure.Billing;

/// <summary>
/// Thin Cost Management Query client: ActualCost per day per resource of a subscription's virtual machines,
/// following nextLink (same body re-POSTed). The tenant QPU budget's waits are its pipeline's retry step's business.
/// </summary>
internal sealed class CostManagementClient(HttpPipeline pipeline, AzureEndpoints endpoints)
{
    private const string ApiVersion = "2023-11-01";
    private const string MeterCategory = "Virtual Machines";

    public async Task<IReadOnlyList<CostRow>> QueryDailyAsync(string subscriptionId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(BuildBody(from, to));
        var next = new Uri($"{endpoints.Arm.ToString().TrimEnd('/')}/subscriptions/{subscriptionId}/providers/Microsoft.CostManagement/query?api-version={ApiVersion}");
        var rows = new List<CostRow>();
        var pages = 0;
        while (next is not null)
        {
            if (++pages > 1000)
            {
                throw new AzureCallException($"Cost Management query for subscription {subscriptionId}: more than 1000 pages; stopping.");
            }

            using var document = await PostPageAsync(subscriptionId, next, body, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                break;
            }

            var properties = document.RootElement.GetProperty("properties");
            rows.AddRange(ParseRows(properties, subscriptionId));
            next = properties.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(link.GetString())
                ? new Uri(link.GetString()!)
                : null;
        }

        return rows;
    }

    internal static JsonObject BuildBody(DateTimeOffset from, DateTimeOffset to) => new()
    {
        ["type"] = "ActualCost",
        ["timeframe"] = "Custom",
        ["timePeriod"] = new JsonObject { ["from"] = Iso(from), ["to"] = Iso(to) },
        ["dataset"] = new JsonObject
        {
            ["granularity"] = "Daily",
            ["aggregation"] = new JsonObject { ["totalCost"] = new JsonObject { ["name"] = "Cost", ["function"] = "Sum" } },
            ["grouping"] = new JsonArray(new JsonObject { ["type"] = "Dimension", ["name"] = "ResourceId" }),
            ["filter"] = new JsonObject
            {
                ["dimensions"] = new JsonObject { ["name"] = "MeterCategory", ["operator"] = "In", ["values"] = new JsonArray(MeterCategory) },
            },
        },
    };

    private Task<JsonDocument?> PostPageAsync(string subscriptionId, Uri uri, byte[] body, CancellationToken cancellationToken) =>
        ThinCalls.PostJsonAsync(pipeline, uri, body, null, (response, note) => response.Status switch
        {
            200 => JsonDocument.Parse(response.Content.ToMemory()),
            204 => (JsonDocument?)null,
            429 => throw new AzureCallException(
                $"Cost Management query for subscription {subscriptionId}: tenant QPU budget exhausted ({ThinCalls.Describe(response, note)})."),
            _ => throw new AzureCallException($"Cost Management query for subscription {subscriptionId}: {ThinCalls.Describe(response, note)}"),
        }, cancellationToken);

    private static IEnumerable<CostRow> ParseRows(JsonElement properties, string subscriptionId)
    {
        var columns = properties.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString() ?? "").ToList();
        var cost = Find(columns, "Cost", "PreTaxCost", "CostUSD", "PreTaxCostUSD");
        var date = Find(columns, "UsageDate");
        var resource = Find(columns, "ResourceId");
        var currency = columns.FindIndex(c => c.Equals("Currency", StringComparison.OrdinalIgnoreCase));
        if (cost < 0 || date < 0 || resource < 0)
        {
            throw new AzureCallException($"Cost Management reply for subscription {subscriptionId} lacks Cost/UsageDate/ResourceId columns (has: {string.Join(", ", columns)}).");
        }

        foreach (var row in properties.GetProperty("rows").EnumerateArray())
        {
            var day = ParseDay(row[date], subscriptionId);
            yield return new CostRow(
                (row[resource].GetString() ?? "").ToLowerInvariant(),
                day,
                row[cost].GetDecimal(),
                currency >= 0 ? row[currency].GetString() ?? "USD" : "USD");
        }
    }

    private static DateOnly ParseDay(JsonElement value, string subscriptionId)
    {
        // UsageDate is a number yyyyMMdd; some API versions send it as a string or a datetime.
        var text = value.ValueKind == JsonValueKind.Number ? value.GetInt64().ToString(CultureInfo.InvariantCulture) : value.GetString() ?? "";
        if (DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return DateOnly.FromDateTime(time.UtcDateTime);
        }

        throw new AzureCallException($"Cost Management reply for subscription {subscriptionId}: UsageDate '{text}' is not yyyyMMdd.");
    }

    private static int Find(List<string> columns, params string[] names) =>
        columns.FindIndex(c => names.Any(n => c.Equals(n, StringComparison.OrdinalIgnoreCase)));

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
