using System.Text.Json;
using Amazon.Runtime;
using CostGuard.Aws.Endpoints;
using CostGuard.Aws.Http;

namespace CostGuard.Aws.CloudWatch;

/// <summary>
/// Thin CloudWatch client: GetMetricData only, over awsJson 1.0 (CloudWatch's SDK default is now RPCv2 CBOR,
/// which AWSSDK.CloudWatch would need; JSON 1.0 is still served and simpler to sign and test).
/// </summary>
internal sealed class CloudWatchClient(AwsJsonClient client, AwsEndpoints endpoints)
{
    /// <summary>Most queries AWS accepts in one call.</summary>
    public const int MaxQueriesPerCall = 500;

    /// <summary>Runs the queries in calls of up to 500, following NextToken; returns datapoints per query id.</summary>
    public async Task<IReadOnlyDictionary<string, List<(long Epoch, double Value)>>> GetMetricDataAsync(
        string region, ImmutableCredentials credentials, IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, List<(long, double)>>(StringComparer.Ordinal);
        var call = new AwsJsonCall(endpoints.For(AwsService.CloudWatch, region), "monitoring", region, "application/x-amz-json-1.0",
            "GraniteServiceVersion20100801.GetMetricData", "cloudwatch", "GetMetricData", QueryMode: true);
        foreach (var chunk in queries.Chunk(MaxQueriesPerCall))
        {
            foreach (var q in chunk)
            {
                results[q.Id] = [];
            }

            string? nextToken = null;
            do
            {
                var body = Serialize(chunk, start, end, nextToken);
                using var doc = await client.PostAsync(call, body, credentials, cancellationToken).ConfigureAwait(false);
                nextToken = Parse(doc.RootElement, results);
            }
            while (nextToken is not null);
        }

        return results;
    }

    private static byte[] Serialize(IEnumerable<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, string? nextToken)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("MetricDataQueries");
            foreach (var q in queries)
            {
                w.WriteStartObject();
                w.WriteString("Id", q.Id);
                w.WriteStartObject("MetricStat");
                w.WriteStartObject("Metric");
                w.WriteString("Namespace", q.Namespace);
                w.WriteString("MetricName", q.MetricName);
                w.WriteStartArray("Dimensions");
                foreach (var (name, value) in q.Dimensions)
                {
                    w.WriteStartObject();
                    w.WriteString("Name", name);
                    w.WriteString("Value", value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteNumber("Period", q.PeriodSeconds);
                w.WriteString("Stat", q.Stat);
                w.WriteEndObject();
                w.WriteBoolean("ReturnData", true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("StartTime", start.ToUnixTimeSeconds());
            w.WriteNumber("EndTime", end.ToUnixTimeSeconds());
            w.WriteString("ScanBy", "TimestampAscending");
            if (nextToken is not null)
            {
                w.WriteString("NextToken", nextToken);
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string? Parse(JsonElement root, Dictionary<string, List<(long, double)>> results)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("MetricDataResults", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("the response has no MetricDataResults array");
        }

        foreach (var result in list.EnumerateArray())
        {
            var id = result.TryGetProperty("Id", out var idElement) ? idElement.GetString() : null;
            if (id is null || !results.TryGetValue(id, out var points))
            {
                throw Malformed($"a result has an unknown or missing Id '{id}'");
            }

            var status = result.TryGetProperty("StatusCode", out var s) ? s.GetString() : null;
            if (status is "Forbidden" or "InternalError")
            {
                throw new AwsApiException("GetMetricData", status, null, $"query {id} returned StatusCode {status}");
            }

            var timestamps = Array(result, "Timestamps");
            var values = Array(result, "Values");
            if (timestamps.Count != values.Count)
            {
                throw Malformed($"result {id} has {timestamps.Count} timestamps but {values.Count} values");
            }

            for (var i = 0; i < timestamps.Count; i++)
            {
                if (!timestamps[i].TryGetInt64(out var epoch) || !values[i].TryGetDouble(out var value))
                {
                    throw Malformed($"result {id} has a non-numeric timestamp or value at position {i}");
                }

                points.Add((epoch, value));
            }
        }

        return root.TryGetProperty("NextToken", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } t
            ? t
            : null;
    }

    private static List<JsonElement> Array(JsonElement result, string name) =>
        result.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToList() : [];

    private static AwsApiException Malformed(string what) => new("GetMetricData", "MalformedResponse", null, what);
}
