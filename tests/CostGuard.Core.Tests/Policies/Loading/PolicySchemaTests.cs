using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CostGuard.Time;
using Json.Schema;

namespace CostGuard.Policies.Loading;

public sealed class PolicySchemaTests
{
    private static readonly JsonObject Schema = (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("policies", "schema", "costguard-policy.v1.json")))!;

    /// <summary>Each policy record and the schema object that describes it.</summary>
    public static TheoryData<string, string> RecordsAndSchemas() => new()
    {
        { nameof(Policy), string.Empty },
        { nameof(AccountScope), "/$defs/account" },
        { nameof(GpuSelector), "/$defs/gpu" },
        { nameof(MetricSelector), "/$defs/metricSelector" },
        { nameof(SpendCapRule), "/$defs/spendCap" },
        { nameof(AccountCapOverride), "/$defs/capOverride" },
        { nameof(IdleRule), "/$defs/idle" },
        { nameof(OrphanRule), "/$defs/orphans" },
        { nameof(ExemptionRule), "/$defs/exemptions" },
        { nameof(AnomalyRule), "/$defs/anomaly" },
        { nameof(SafetyRule), "/$defs/safety" },
        { nameof(AlertsConfig), "/$defs/alerts" },
        { nameof(AlertRoute), "/$defs/route" },
        { nameof(WebhookTarget), "/$defs/webhookTarget" },
        { nameof(PricingOverrides), "/$defs/pricing" },
    };

    [Theory]
    [MemberData(nameof(RecordsAndSchemas))]
    public void Schema_CoversEveryRecordProperty_AndNothingElse(string recordName, string schemaPath)
    {
        var record = typeof(Policy).Assembly.GetType($"CostGuard.Policies.{recordName}")!;
        var expected = record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Order(StringComparer.Ordinal);
        var schema = (JsonObject)Resolve(schemaPath);
        var actual = ((JsonObject)schema["properties"]!).Select(p => p.Key).Where(k => k != "$schema").Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void Schema_EveryPropertyHasADescription()
    {
        var missing = new List<string>();
        Visit(Schema, string.Empty, missing);

        Assert.Empty(missing);
    }

    [Fact]
    public void Schema_IsValidAgainstTheDraft202012MetaSchema()
    {
        var result = MetaSchemas.Draft202012.Evaluate(Schema, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid);
        Assert.False(MetaSchemas.Draft202012.Evaluate(JsonNode.Parse("""{ "type": 5 }""")).IsValid);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema["$schema"]!.GetValue<string>());
        Assert.NotNull(Schema["$id"]);
    }

    [Fact]
    public void Schema_SectionExamples_AreValidPolicies()
    {
        var sections = ((JsonObject)Schema["properties"]!).Where(p => p.Value!["examples"] is not null).ToList();

        Assert.True(sections.Count >= 9);
        foreach (var (name, section) in sections)
        {
            foreach (var example in section!["examples"]!.AsArray())
            {
                var policy = new JsonObject { ["name"] = "p", ["mode"] = "enforce", [name] = example!.DeepClone() };
                var result = PolicyLoader.Load(policy.ToJsonString(), $"{name}-example.json");
                Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            }
        }
    }

    [Theory]
    [InlineData("PT30M")]
    [InlineData("P7D")]
    [InlineData("P2W")]
    [InlineData("P1DT12H")]
    [InlineData("PT0.5S")]
    [InlineData("PT1,5H")]
    [InlineData("P1W2DT3H4M5S")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("PT")]
    [InlineData("P")]
    [InlineData("P1DT")]
    [InlineData("PT30")]
    [InlineData("PT1H30")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("PT5M1H")]
    [InlineData("30M")]
    [InlineData("pt30m")]
    public void DurationPattern_AgreesWithIsoDuration(string text)
    {
        var pattern = Resolve("/$defs/duration")["pattern"]!.GetValue<string>();

        Assert.Equal(IsoDuration.TryParse(text, out _, out _), Regex.IsMatch(text, pattern));
    }

    private static JsonNode Resolve(string pointer)
    {
        JsonNode node = Schema;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node[segment]!;
        }

        return node;
    }

    private static void Visit(JsonObject schema, string path, List<string> missing)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                var property = (JsonObject)value!;
                var described = property["description"] is not null
                    || (property["$ref"]?.GetValue<string>() is { } reference && Resolve(reference.TrimStart('#'))["description"] is not null);
                if (!described)
                {
                    missing.Add($"{path}/{name}");
                }
            }
        }

        if (schema["$defs"] is JsonObject defs)
        {
            foreach (var (name, value) in defs)
            {
                Visit((JsonObject)value!, $"$defs/{name}", missing);
            }
        }
    }
}
