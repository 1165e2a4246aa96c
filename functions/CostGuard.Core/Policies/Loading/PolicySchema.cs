using System.Text.Json.Nodes;
using Json.Schema;

namespace CostGuard.Policies.Loading;

/// <summary>The published policy schema (policies/schema/costguard-policy.v1.json), embedded in Core.</summary>
internal static class PolicySchema
{
    public const string ResourceName = "costguard-policy.v1.json";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Document)> Loaded = new(Load);

    public static JsonSchema Schema => Loaded.Value.Schema;

    /// <summary>The schema as a plain document, to look up descriptions and allowed fields for messages.</summary>
    public static JsonNode Document => Loaded.Value.Document;

    public static EvaluationResults Evaluate(JsonNode? instance) =>
        Schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft202012 });

    private static (JsonSchema, JsonNode) Load()
    {
        using var stream = typeof(PolicySchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from CostGuard.Core");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    }
}
