using System.Text.Json.Nodes;

namespace CostGuard.Azure.Fakes;

/// <summary>Loads the recorded wire payloads under Payloads/ (embedded in this assembly).</summary>
internal static class Payload
{
    private static readonly Dictionary<string, string> Cache = [];

    public static string Text(string relativePath)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(relativePath, out var text))
            {
                var name = "Payloads/" + relativePath.Replace('\\', '/');
                using var stream = typeof(Payload).Assembly.GetManifestResourceStream(name)
                    ?? throw new FileNotFoundException($"No recorded payload {name} in {typeof(Payload).Assembly.GetName().Name}.");
                using var reader = new StreamReader(stream);
                text = reader.ReadToEnd();
                Cache[relativePath] = text;
            }

            return text;
        }
    }

    public static JsonNode Node(string relativePath) => JsonNode.Parse(Text(relativePath))!;
}
