using System.Text.Json.Nodes;

namespace CostGuard.Azure.Fakes;

/// <summary>Loads the recorded wire payloads under Payloads/ (copied next to the test assembly).</summary>
internal static class Payload
{
    private static readonly Dictionary<string, string> Cache = [];

    public static string Text(string relativePath)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(relativePath, out var text))
            {
                text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", relativePath));
                Cache[relativePath] = text;
            }

            return text;
        }
    }

    public static JsonNode Node(string relativePath) => JsonNode.Parse(Text(relativePath))!;
}
