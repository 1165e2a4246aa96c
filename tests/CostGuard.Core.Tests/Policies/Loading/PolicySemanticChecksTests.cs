using CostGuard.Policies.Loading;

namespace CostGuard.Policies.Loading;

public sealed class PolicySemanticChecksTests
{
    private static PolicyError ErrorAt(string json, string path)
    {
        var result = PolicyLoader.Load(json, "p.json");
        Assert.Null(result.Policy);
        return Assert.Single(result.Errors, e => e.Path == path);
    }

    [Fact]
    public void Load_WarnAtPercentWithoutAnyMonthlyCap_IsRejected()
    {
        var error = ErrorAt("""{ "name": "p", "mode": "enforce", "spendCap": { "maxHourlyBurnUsd": 10, "warnAtPercent": [80] } }""", "$.spendCap.warnAtPercent");

        Assert.Contains("needs a monthlyUsd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WarnAtPercentWithPerAccountMonthlyCap_IsAccepted()
    {
        var result = PolicyLoader.Load("""{ "name": "p", "mode": "enforce", "spendCap": { "warnAtPercent": [80], "perAccount": { "111122223333": { "monthlyUsd": 5 } } } }""", "p.json");

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        Assert.Equal(5m, result.Policy!.SpendCap!.For("111122223333").MonthlyUsd);
        Assert.Null(result.Policy.SpendCap.For("444455556666").MonthlyUsd);
    }

    [Fact]
    public void Load_CloudSpecificFieldsOnTheWrongCloud_AreRejected()
    {
        var json = """
            {
              "name": "p", "mode": "enforce",
              "accounts": [
                { "cloud": "aws", "id": "111122223333", "logAnalyticsWorkspaceId": "00000000-0000-0000-0000-000000000000" },
                { "cloud": "azure", "id": "00000000-0000-0000-0000-000000000000", "regions": ["eastus"], "logAnalyticsWorkspaceId": "ws-name" }
              ]
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");

        Assert.Equal(
            ["$.accounts[0].logAnalyticsWorkspaceId", "$.accounts[1].regions", "$.accounts[1].logAnalyticsWorkspaceId"],
            result.Errors.Select(e => e.Path));
        Assert.Equal(4, result.Errors[0].Line);
        Assert.Equal(45, result.Errors[0].Column);
    }

    [Fact]
    public void Load_RoleArnMalformed_IsRejected()
    {
        var error = ErrorAt("""{ "name": "p", "mode": "enforce", "accounts": [ { "cloud": "aws", "id": "111122223333", "roleArn": "CostGuardEnforcer" } ] }""", "$.accounts[0].roleArn");

        Assert.Contains("arn:aws:iam::", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WebhookSettingThatIsNotASettingName_IsRejected()
    {
        var error = ErrorAt("""{ "name": "p", "mode": "enforce", "alerts": { "teams": { "webhookUrlSetting": "my teams hook" } } }""", "$.alerts.teams.webhookUrlSetting");

        Assert.Contains("COSTGUARD_TEAMS_WEBHOOK_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RoutesWithoutDestinationDuplicateNameOrUnknownAccount_AreRejected()
    {
        var json = """
            {
              "name": "p", "mode": "enforce",
              "accounts": [ { "cloud": "aws", "id": "111122223333" } ],
              "alerts": { "routes": [
                { "name": "ml", "slack": { "webhookUrlSetting": "SLACK_ML" }, "accounts": ["444455556666"] },
                { "name": "ML", "minSeverity": "critical" }
              ] }
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");

        Assert.Equal(["$.alerts.routes[0].accounts[0]", "$.alerts.routes[1]", "$.alerts.routes[1].name"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Load_ValidRoutes_MapToRecords()
    {
        var json = """
            {
              "name": "p", "mode": "enforce",
              "alerts": { "routes": [ { "name": "llm", "tags": { "cost-center": "llm" }, "minSeverity": "critical", "teams": { "webhookUrlSetting": "Alerts:Teams:Llm" } } ] }
            }
            """;

        var route = Assert.Single(PolicyLoader.Load(json, "p.json").Policy!.Alerts!.Routes);

        Assert.Equal(AlertSeverity.Critical, route.MinSeverity);
        Assert.Equal("llm", route.Tags["cost-center"]);
        Assert.Equal("Alerts:Teams:Llm", route.Teams!.WebhookUrlSetting);
        Assert.Empty(route.Accounts);
    }

    [Fact]
    public void Load_NumberTooLargeForDecimal_IsAnErrorNotACrash()
    {
        var result = PolicyLoader.Load("""{ "name": "p", "mode": "enforce", "spendCap": { "monthlyUsd": 1e400 } }""", "p.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.spendCap.monthlyUsd", error.Path);
    }

    [Fact]
    public void Load_UrlWhereAnEnumBelongs_IsReportedOnceAndRedacted()
    {
        var result = PolicyLoader.Load("""{ "name": "p", "mode": "https://hooks.slack.com/services/SECRET" }""", "p.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.mode", error.Path);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonAsciiText_ColumnsCountCharactersNotBytes()
    {
        var error = ErrorAt("""{ "description": "café ünïcode €", "name": "p", "mode": 5 }""", "$.mode");

        Assert.Equal((1, 57), (error.Line, error.Column));
    }

    [Fact]
    public void Load_PricingOverrides_MapDecimalsExactly()
    {
        var result = PolicyLoader.Load("""{ "name": "p", "mode": "enforce", "pricing": { "discountPercent": 12.5, "usdPerHour": { "p4d.24xlarge": 21.9612 } } }""", "p.json");

        Assert.Equal(12.5m, result.Policy!.Pricing!.DiscountPercent);
        Assert.Equal(21.9612m, result.Policy.Pricing.UsdPerHour["p4d.24xlarge"]);
    }

    [Fact]
    public void Load_GpuMetricSelectors_MapWithDimensions()
    {
        var json = """
            { "name": "p", "mode": "enforce",
              "gpu": { "awsCloudWatchMetric": { "namespace": "Custom/GPU", "name": "util", "dimensions": { "gpu": "all" } } } }
            """;

        var gpu = PolicyLoader.Load(json, "p.json").Policy!.Gpu;

        Assert.Equal("Custom/GPU", gpu.AwsCloudWatchMetric.Namespace);
        Assert.Equal("all", gpu.AwsCloudWatchMetric.Dimensions!["gpu"]);
        Assert.Equal("container.azm.ms/gpu", gpu.AzureInsightsMetric.Namespace);
        Assert.Equal(GpuSelector.DefaultAzureVmSizes, gpu.AzureVmSizes);
    }
}
