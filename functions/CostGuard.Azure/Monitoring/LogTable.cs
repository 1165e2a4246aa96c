using System.Text.Json;
using CostGuard.Azure.Http;

namespace CostGuard.Azure.Monitoring;

/// <summary>The primary table of a Log Analytics reply, with a partial-result warning when the service sent one.</summary>
internal sealed record LogTable(IReadOnlyList<string> Columns, IReadOnlyList<JsonElement[]> Rows, string? Warning)
{
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new AzureCallException($"Log Analytics reply lacks the column '{column}' (has: {string.Join(", ", Columns)}).");
    }

    public static LogTable Parse(ReadOnlyMemory<byte> json, string workspaceId)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("tables", out var tables) || tables.GetArrayLength() == 0)
        {
            throw new AzureCallException($"Log Analytics reply for workspace {workspaceId} has no tables.");
        }

        var table = tables[0];
        var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString() ?? "").ToList();

        // Clone: the rows outlive the document.
        var rows = table.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.Clone()).ToArray()).ToList();
        string? warning = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? $"{error.GetProperty("code").GetString()}: {(error.TryGetProperty("message", out var m) ? m.GetString() : "")}"
            : null;
        return new LogTable(columns, rows, warning);
    }
}
