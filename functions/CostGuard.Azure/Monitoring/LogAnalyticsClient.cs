using System.Text.Json;
using Azure.Core.Pipeline;
using CostGuard.Azure.Http;

namespace CostGuard.Azure.Monitoring;

/// <summary>Thin client for the Log Analytics query API: one KQL query, first result table.</summary>
internal sealed class LogAnalyticsClient(HttpPipeline pipeline, AzureEndpoints endpoints)
{
    public async Task<LogTable> QueryAsync(string workspaceId, string kql, string timespan, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{endpoints.Logs.ToString().TrimEnd('/')}/v1/workspaces/{Uri.EscapeDataString(workspaceId)}/query");
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["query"] = kql, ["timespan"] = timespan });
        return await ThinCalls.PostJsonAsync(pipeline, uri, body, [("Prefer", "wait=180")], (response, note) => response.Status == 200
            ? LogTable.Parse(response.Content.ToMemory(), workspaceId)
            : throw new AzureCallException($"Log Analytics query on workspace {workspaceId}: {ThinCalls.Describe(response, note)}"),
            cancellationToken).ConfigureAwait(false);
    }
}
