using System.Globalization;
using System.Text.Json;
using CostGuard.Policies;

namespace CostGuard.Azure.Monitoring;

/// <summary>
/// GPU % of every VM in a workspace with ONE KQL query per workspace per sweep: InsightsMetrics rows of the
/// policy's metric, max over the VM's GPUs (and the minutes) in each bin. Subscriptions sharing a workspace
/// share the answer for the same sweep time.
/// </summary>
internal sealed class GpuUtilizationReader(LogAnalyticsClient client)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Workspace, DateTimeOffset Now), Task<GpuReading>> _sweepCache = [];

    public Task<GpuReading> ReadAsync(string workspaceId, MetricSelector metric, MetricWindow window, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (workspaceId.ToLowerInvariant(), window.End);

            // Keep only the current sweep's answers.
            foreach (var stale in _sweepCache.Keys.Where(k => k.Now != window.End).ToList())
            {
                _sweepCache.Remove(stale);
            }

            if (!_sweepCache.TryGetValue(key, out var task) || task.IsFaulted || task.IsCanceled)
            {
                task = QueryAsync(workspaceId, metric, window, cancellationToken);
                _sweepCache[key] = task;
            }

            return task;
        }
    }

    internal static string BuildQuery(MetricSelector metric, MetricWindow window)
    {
        var minutes = ((int)window.Interval.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        return $"""
            InsightsMetrics
            | where TimeGenerated >= datetime({Iso(window.Start)}) and TimeGenerated < datetime({Iso(window.End)})
            | where Namespace == '{Escape(metric.Namespace)}' and Name == '{Escape(metric.Name)}'
            | where _ResourceId has '/providers/microsoft.compute/virtualmachines/'
            | summarize GpuPercent = max(Val) by ResourceId = tolower(_ResourceId), TimeGenerated = bin(TimeGenerated, {minutes}m)
            """;
    }

    private async Task<GpuReading> QueryAsync(string workspaceId, MetricSelector metric, MetricWindow window, CancellationToken cancellationToken)
    {
        var table = await client.QueryAsync(workspaceId, BuildQuery(metric, window), $"{Iso(window.Start)}/{Iso(window.End)}", cancellationToken).ConfigureAwait(false);
        var idColumn = table.IndexOf("ResourceId");
        var timeColumn = table.IndexOf("TimeGenerated");
        var valueColumn = table.IndexOf("GpuPercent");
        var series = new MetricSeries();
        foreach (var row in table.Rows)
        {
            if (row[valueColumn].ValueKind != JsonValueKind.Number || row[idColumn].GetString() is not { } id)
            {
                continue;
            }

            series.Set(id, window.BinOf(row[timeColumn].GetDateTimeOffset()), row[valueColumn].GetDouble());
        }

        return new GpuReading(series, table.Warning);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // KQL string literals in single quotes: escape backslash and quote.
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
