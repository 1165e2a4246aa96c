using System.Globalization;
using System.Text.Json;
using Azure.Core.Pipeline;
using CostGuard.Azure.Http;

namespace CostGuard.Azure.Monitoring;

/// <summary>Thin client for Azure Monitor <c>metrics:getBatch</c>: <c>Percentage CPU</c> of up to 50 VMs of one subscription and region.</summary>
internal sealed class MetricsBatchClient(HttpPipeline pipeline, AzureEndpoints endpoints)
{
    public const int MaxResourcesPerCall = 50;
    private const string ApiVersion = "2024-02-01";
    private const string CpuMetric = "Percentage CPU";

    public async Task<MetricSeries> GetCpuAsync(string subscriptionId, string region, IReadOnlyList<string> resourceIds, MetricWindow window, CancellationToken cancellationToken)
    {
        if (resourceIds.Count is 0 or > MaxResourcesPerCall)
        {
            throw new ArgumentOutOfRangeException(nameof(resourceIds), $"getBatch takes 1 to {MaxResourcesPerCall} resources, not {resourceIds.Count}.");
        }

        var query = string.Join('&',
            "starttime=" + Format(window.Start),
            "endtime=" + Format(window.End),
            "interval=" + System.Xml.XmlConvert.ToString(window.Interval),
            "metricnamespace=" + Uri.EscapeDataString("Microsoft.Compute/virtualMachines"),
            "metricnames=" + Uri.EscapeDataString(CpuMetric),
            "aggregation=average",
            "api-version=" + ApiVersion);
        var uri = new Uri($"{endpoints.MetricsFor(region)}/subscriptions/{subscriptionId}/metrics:getBatch?{query}");
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, IReadOnlyList<string>> { ["resourceids"] = resourceIds });
        return await ThinCalls.PostJsonAsync(pipeline, uri, body, null, (response, note) => response.Status == 200
            ? Parse(response.Content.ToMemory(), window)
            : throw new AzureCallException($"metrics:getBatch for subscription {subscriptionId} in {region}: {ThinCalls.Describe(response, note)}"),
            cancellationToken).ConfigureAwait(false);
    }

    internal static MetricSeries Parse(ReadOnlyMemory<byte> json, MetricWindow window)
    {
        var series = new MetricSeries();
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("values", out var values))
        {
            throw new AzureCallException("metrics:getBatch reply has no 'values' array.");
        }

        foreach (var resource in values.EnumerateArray())
        {
            var id = resource.GetProperty("resourceid").GetString() ?? "";
            foreach (var metric in resource.GetProperty("value").EnumerateArray())
            {
                if (!string.Equals(metric.GetProperty("name").GetProperty("value").GetString(), CpuMetric, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var timeseries in metric.GetProperty("timeseries").EnumerateArray())
                {
                    foreach (var point in timeseries.GetProperty("data").EnumerateArray())
                    {
                        // A point without "average" had no data: leave the bin null, never 0.
                        if (point.TryGetProperty("average", out var average) && average.ValueKind == JsonValueKind.Number)
                        {
                            var time = point.GetProperty("timeStamp").GetDateTimeOffset();
                            series.Set(id, window.BinOf(time), average.GetDouble());
                        }
                    }
                }
            }
        }

        return series;
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
