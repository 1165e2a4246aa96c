using System.Text.Json;
using System.Text.Json.Nodes;

namespace CostGuard.Policies.Loading;

/// <summary>
/// .NET's <c>$</c> matches before a final newline (JsonSchema.Net evaluates patterns with .NET regexes), so every
/// shape check must end at the true end of the value: <c>"us-east-1\n"</c> is not a region.
/// </summary>
public sealed class TrailingNewlineTests
{
    private const string Aws = "111122223333";
    private const string Azure = "00000000-0000-0000-0000-0000000000aa";

    /// <summary>A value the schema and the loader accept, where it goes, and how to place it in a policy.</summary>
    public static TheoryData<string, string> Values() => new()
    {
        { "policy name", "team-guard" },
        { "AWS region", "us-east-1" },
        { "AWS account id", Aws },
        { "Azure subscription id", Azure },
        { "role ARN", "arn:aws:iam::111122223333:role/CostGuardEnforcer" },
        { "Log Analytics workspace id", Azure },
        { "webhook setting name", "COSTGUARD_SLACK_WEBHOOK_URL" },
        { "alert route account", Aws },
        { "cap override account", Aws },
        { "duration", "PT30M" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Load_ValidValue_IsAccepted(string where, string value)
    {
        var result = PolicyLoader.Load(Policy(where, value), "p.json");

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Load_ValueWithTrailingNewline_IsRejected(string where, string value)
    {
        var result = PolicyLoader.Load(Policy(where, value + "\n"), "p.json");

        Assert.False(result.IsValid, $"{where} \"{value}\\n\" was accepted");
        Assert.NotEmpty(result.Errors);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void SchemaAlone_ValueWithTrailingNewline_IsInvalid(string where, string value)
    {
        Assert.True(PolicySchema.Evaluate(JsonNode.Parse(Policy(where, value))).IsValid);

        Assert.False(PolicySchema.Evaluate(JsonNode.Parse(Policy(where, value + "\n"))).IsValid);
    }

    [Theory]
    [InlineData("us-east-1\n")]
    [InlineData("us-east-1\r\n")]
    [InlineData("\nus-east-1")]
    public void IsAwsRegion_NewlineAnywhere_IsFalse(string region) => Assert.False(AccountIds.IsAwsRegion(region));

    [Theory]
    [InlineData(Aws + "\n")]
    [InlineData(Azure + "\n")]
    public void IsAny_IdWithTrailingNewline_IsFalse(string id) => Assert.False(AccountIds.IsAny(id));

    private static string Policy(string where, string value)
    {
        var v = JsonSerializer.Serialize(value);
        return where switch
        {
            "policy name" => $$"""{ "name": {{v}}, "mode": "dry-run" }""",
            "AWS region" => $$"""{ "name": "p", "mode": "dry-run", "accounts": [{ "cloud": "aws", "id": "{{Aws}}", "regions": [{{v}}] }] }""",
            "AWS account id" => $$"""{ "name": "p", "mode": "dry-run", "accounts": [{ "cloud": "aws", "id": {{v}}, "regions": ["us-east-1"] }] }""",
            "Azure subscription id" => $$"""{ "name": "p", "mode": "dry-run", "accounts": [{ "cloud": "azure", "id": {{v}} }] }""",
            "role ARN" => $$"""{ "name": "p", "mode": "dry-run", "accounts": [{ "cloud": "aws", "id": "{{Aws}}", "regions": ["us-east-1"], "roleArn": {{v}} }] }""",
            "Log Analytics workspace id" => $$"""{ "name": "p", "mode": "dry-run", "accounts": [{ "cloud": "azure", "id": "{{Azure}}", "logAnalyticsWorkspaceId": {{v}} }] }""",
            "webhook setting name" => $$"""{ "name": "p", "mode": "dry-run", "alerts": { "slack": { "webhookUrlSetting": {{v}} } } }""",
            "alert route account" => $$"""{ "name": "p", "mode": "dry-run", "alerts": { "routes": [{ "name": "r", "accounts": [{{v}}], "slack": { "webhookUrlSetting": "S" } }] } }""",
            "cap override account" => $$"""{ "name": "p", "mode": "dry-run", "spendCap": { "monthlyUsd": 100, "perAccount": { {{v}}: { "monthlyUsd": 50 } } } }""",
            "duration" => $$"""{ "name": "p", "mode": "dry-run", "idle": { "window": {{v}} } }""",
            _ => throw new ArgumentOutOfRangeException(nameof(where), where, null),
        };
    }
}
