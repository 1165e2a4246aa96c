using System.Text.Json;
using System.Text.Json.Nodes;

namespace CostGuard.Json;

/// <summary>
/// Tolerant reads for semantic checks: they run on documents the schema may have rejected, so a value of
/// the wrong type is simply skipped here (the schema already reports it).
/// </summary>
internal static class JsonRead
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var d) ? d : null;

    public static JsonObject? Object(JsonNode? node) => node as JsonObject;

    public static JsonArray? Array(JsonNode? node) => node as JsonArray;
}
