using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using CostGuard.Aws.Endpoints;
using CostGuard.Aws.Http;

namespace CostGuard.Aws.CostExplorer;

/// <summary>
/// Thin Cost Explorer client (awsJson 1.1): GetCostAndUsage only. Each request (each page) costs $0.01,
/// so callers cache the answer.
/// </summary>
internal sealed class CostExplorerClient(AwsJsonClient client, AwsEndpoints endpoints)
{
    public const string ComputeService = "Amazon Elastic Compute Cloud - Compute";

    public async Task<IReadOnlyList<CostRow>> GetDailyCostAsync(CostQuery query, ImmutableCredentials credentials, CancellationToken cancellationToken)
    {
        var call = new AwsJsonCall(endpoints.For(AwsService.CostExplorer, "us-east-1"), "ce", "us-east-1", "application/x-amz-json-1.1",
            "AWSInsightsIndexService.GetCostAndUsage", "ce", "GetCostAndUsage");
        var rows = new List<CostRow>();
        string? nextToken = null;
        do
        {
            using var doc = await client.PostAsync(call, Serialize(query, nextToken), credentials, cancellationToken).ConfigureAwait(false);
            nextToken = Parse(doc.RootElement, query, rows);
        }
        while (nextToken is not null);
        return rows;
    }

    internal static byte[] Serialize(CostQuery query, string? nextToken)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("TimePeriod");
            w.WriteString("Start", query.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("End", query.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteString("Granularity", "DAILY");
            w.WriteStartArray("Metrics");
            w.WriteStringValue("UnblendedCost");
            w.WriteEndArray();
            w.WriteStartObject("Filter");
            w.WriteStartArray("And");
            Dimension(w, "SERVICE", [ComputeService]);
            Dimension(w, "INSTANCE_TYPE_FAMILY", query.InstanceFamilies);
            Dimension(w, "LINKED_ACCOUNT", query.Accounts);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("GroupBy");
            Group(w, "DIMENSION", "LINKED_ACCOUNT");
            if (query.UserTag is not null)
            {
                Group(w, "TAG", query.UserTag);
            }

            w.WriteEndArray();
            if (nextToken is not null)
            {
                w.WriteString("NextPageToken", nextToken);
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Dimension(Utf8JsonWriter w, string key, IEnumerable<string> values)
    {
        w.WriteStartObject();
        w.WriteStartObject("Dimensions");
        w.WriteString("Key", key);
        w.WriteStartArray("Values");
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Group(Utf8JsonWriter w, string type, string key)
    {
        w.WriteStartObject();
        w.WriteString("Type", type);
        w.WriteString("Key", key);
        w.WriteEndObject();
    }

    private static string? Parse(JsonElement root, CostQuery query, List<CostRow> rows)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ResultsByTime", out var periods) || periods.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("the response has no ResultsByTime array");
        }

        foreach (var period in periods.EnumerateArray())
        {
            var startText = period.TryGetProperty("TimePeriod", out var tp) && tp.TryGetProperty("Start", out var s) ? s.GetString() : null;
            if (!DateOnly.TryParseExact(startText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw Malformed($"a period has a missing or invalid TimePeriod.Start '{startText}'");
            }

            if (!period.TryGetProperty("Groups", out var groups) || groups.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var group in groups.EnumerateArray())
            {
                rows.Add(ParseGroup(group, day, query.UserTag));
            }
        }

        return root.TryGetProperty("NextPageToken", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } t
            ? t
            : null;
    }

    private static CostRow ParseGroup(JsonElement group, DateOnly day, string? userTag)
    {
        var keys = group.TryGetProperty("Keys", out var k) && k.ValueKind == JsonValueKind.Array
            ? k.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
            : [];
        if (keys.Count < (userTag is null ? 1 : 2))
        {
            throw Malformed($"a group of {day:yyyy-MM-dd} has {keys.Count} keys, expected {(userTag is null ? 1 : 2)}");
        }

        var amountText = group.TryGetProperty("Metrics", out var m) && m.TryGetProperty("UnblendedCost", out var c) && c.TryGetProperty("Amount", out var a)
            ? a.GetString()
            : null;
        if (!decimal.TryParse(amountText, NumberStyles.Float, CultureInfo.InvariantCulture, out var usd))
        {
            throw Malformed($"group {string.Join('/', keys)} of {day:yyyy-MM-dd} has a missing or non-decimal UnblendedCost.Amount '{amountText}'");
        }

        // Tag group keys read "owner$alice"; "owner$" is cost without the tag.
        string? user = null;
        if (userTag is not null)
        {
            var dollar = keys[1].IndexOf('$', StringComparison.Ordinal);
            user = dollar >= 0 ? keys[1][(dollar + 1)..] : keys[1];
        }

        return new CostRow(keys[0], day, user, usd);
    }

    private static AwsApiException Malformed(string what) => new("GetCostAndUsage", "MalformedResponse", null, what);
}
