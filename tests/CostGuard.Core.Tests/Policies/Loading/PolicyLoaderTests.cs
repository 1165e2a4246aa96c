using CostGuard.Policies.Loading;

namespace CostGuard.Policies.Loading;

public sealed class PolicyLoaderTests
{
    private static PolicyError Single(PolicyLoadResult result, string path)
    {
        Assert.Null(result.Policy);
        var matches = result.Errors.Where(e => e.Path == path).ToList();
        Assert.True(matches.Count == 1, $"expected one error at {path}, got: {string.Join(" | ", result.Errors)}");
        return matches[0];
    }

    [Fact]
    public void Load_MinimalPolicy_IsValidWithDefaults()
    {
        var result = PolicyLoader.Load("""{ "name": "p", "mode": "dry-run" }""", "p.json");

        Assert.True(result.IsValid);
        Assert.Equal(PolicyMode.DryRun, result.Policy!.Mode);
        Assert.Null(result.Policy.Idle);
        Assert.Equal(TimeSpan.FromMinutes(5), result.Policy.SweepInterval);
    }

    [Fact]
    public void Load_CommentsAndTrailingCommas_AreAccepted()
    {
        var json = """
            // leading comment
            {
              /* block */ "name": "p", // trailing
              "mode": "enforce",
              "idle": { "window": "PT45M", },
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        Assert.Equal(TimeSpan.FromMinutes(45), result.Policy!.Idle!.Window);
    }

    [Fact]
    public void Load_BadJsonSyntax_GivesOneErrorWithLineAndColumn()
    {
        var json = """
            {
              "name": "p",
              "mode": enforce
            }
            """;

        var result = PolicyLoader.Load(json, "bad.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("bad.json", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(11, error.Column);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Policy);
    }

    [Fact]
    public void Load_WrongType_NamesPathLineAndExpectedType()
    {
        var json = """
            {
              "name": "p",
              "mode": "enforce",
              "idle": { "gpuUtilBelow": "five" }
            }
            """;

        var error = Single(PolicyLoader.Load(json, "p.json"), "$.idle.gpuUtilBelow");

        Assert.Equal((4, 29), (error.Line, error.Column));
        Assert.Contains("expected a number", error.Message, StringComparison.Ordinal);
        Assert.Contains("found a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_PointsAtTheNameAndListsValidFields()
    {
        var json = """
            {
              "name": "p",
              "mode": "enforce",
              "idle": {
                "windw": "PT30M"
              }
            }
            """;

        var error = Single(PolicyLoader.Load(json, "p.json"), "$.idle.windw");

        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.Contains("unknown field \"windw\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean \"window\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpuUtilBelow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingMode_NamesTheMissingField()
    {
        var error = Single(PolicyLoader.Load("""{ "name": "p" }""", "p.json"), "$.mode");

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("missing required field \"mode\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadEnum_ListsAllowedValues()
    {
        var error = Single(PolicyLoader.Load("""{ "name": "p", "mode": "on" }""", "p.json"), "$.mode");

        Assert.Equal((1, 24), (error.Line, error.Column));
        Assert.Contains("\"enforce\", \"dry-run\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hooks.slack.com/services/T000/B000/XXXXSECRETXXXX", "Slack")]
    [InlineData("contoso.webhook.office.com/webhookb2/SECRETPATH", "Teams")]
    [InlineData("prod-12.westus.logic.azure.com:443/workflows/SECRETPATH/triggers/manual", "Teams")]
    [InlineData("default12.environment.api.powerplatform.com/powerautomate/SECRETPATH", "Teams")]
    public void Load_InlineWebhookUrl_IsRejectedWithoutEchoingIt(string url, string kind)
    {
        var json = $$"""
            {
              "name": "p",
              "mode": "enforce",
              "alerts": { "slack": { "webhookUrlSetting": "https://{{url}}" } }
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");
        var error = Single(result, "$.alerts.slack.webhookUrlSetting");

        Assert.Equal((4, 47), (error.Line, error.Column));
        Assert.Contains("put the URL in a setting (environment variable / Key Vault reference) and name the setting in webhookUrlSetting", error.Message, StringComparison.Ordinal);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.DoesNotContain("SECRET", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UrlAnywhere_IsRejectedEvenInUnknownFieldsAndKeys()
    {
        var json = """
            {
              "name": "p",
              "mode": "enforce",
              "description": "posts to http://internal.example/hook?token=SECRET",
              "pricing": { "usdPerHour": { "https://hooks.slack.com/services/SECRET": 1 } }
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");

        Assert.Equal(2, result.Errors.Count(e => e.Message.Contains("webhookUrlSetting", StringComparison.Ordinal)));
        Assert.Contains(result.Errors, e => e.Path == "$.description" && e.Line == 4);
        Assert.Contains(result.Errors, e => e.Line == 5 && e.Column == 32);
        Assert.All(result.Errors, e => Assert.DoesNotContain("SECRET", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SchemaUrl_IsAllowed()
    {
        var result = PolicyLoader.Load("""{ "$schema": "https://costguard.dev/schemas/costguard-policy.v1.json", "name": "p", "mode": "enforce" }""", "p.json");

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
    }

    [Theory]
    [InlineData("P1M", "months and years are not allowed")]
    [InlineData("P1Y", "months and years are not allowed")]
    [InlineData("30 minutes", "expected an ISO-8601 duration")]
    [InlineData("PT30", "ends without a designator")]
    public void Load_BadDuration_ExplainsWhy(string duration, string expected)
    {
        var json = $$"""
            {
              "name": "p",
              "mode": "enforce",
              "orphans": { "stopAfter": "{{duration}}" }
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");
        var error = Single(result, "$.orphans.stopAfter");

        Assert.Equal((4, 29), (error.Line, error.Column));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("PT59S")]
    [InlineData("PT0S")]
    public void Load_IdleWindowShorterThanOneMinute_IsRejected(string window)
    {
        var json = $$"""{ "name": "p", "mode": "enforce", "idle": { "window": "{{window}}" } }""";

        var error = Single(PolicyLoader.Load(json, "p.json"), "$.idle.window");

        Assert.Contains("PT1M", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IdleWindowOfOneMinute_IsAccepted()
    {
        var result = PolicyLoader.Load("""{ "name": "p", "mode": "enforce", "idle": { "window": "PT1M" } }""", "p.json");

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
    }

    [Theory]
    [InlineData("P7D", "P7D")]
    [InlineData("P8D", "P7D")]
    public void Load_StopAfterNotBeforeTerminateAfter_IsRejected(string stopAfter, string terminateAfter)
    {
        var json = $$"""
            {
              "name": "p",
              "mode": "enforce",
              "orphans": {
                "stopAfter": "{{stopAfter}}",
                "terminateAfter": "{{terminateAfter}}"
              }
            }
            """;

        var error = Single(PolicyLoader.Load(json, "p.json"), "$.orphans.terminateAfter");

        Assert.Equal((6, 23), (error.Line, error.Column));
        Assert.Contains("must be longer than stopAfter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws", "12345678901", "12 digits")]
    [InlineData("aws", "00000000-0000-0000-0000-000000000000", "12 digits")]
    [InlineData("azure", "111122223333", "GUID")]
    [InlineData("azure", "not-a-guid", "GUID")]
    public void Load_BadAccountId_SaysWhatIsValid(string cloud, string id, string expected)
    {
        var json = $$"""
            {
              "name": "p",
              "mode": "enforce",
              "accounts": [
                { "cloud": "{{cloud}}", "id": "{{id}}" }
              ]
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");
        var error = Single(result, "$.accounts[0].id");

        Assert.Equal(5, error.Line);
        Assert.Equal(cloud == "aws" ? 29 : 31, error.Column);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Load_WarnAtPercentOutOfRange_IsRejected(int percent)
    {
        var json = $$"""
            {
              "name": "p",
              "mode": "enforce",
              "spendCap": { "monthlyUsd": 1000, "warnAtPercent": [50, {{percent}}] }
            }
            """;

        var error = Single(PolicyLoader.Load(json, "p.json"), "$.spendCap.warnAtPercent[1]");

        Assert.Equal((4, 59), (error.Line, error.Column));
        Assert.Contains("1 to 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManyProblems_ReportsEveryOneInFileOrder()
    {
        var json = """
            {
              "name": "p",
              "mode": "sometimes",
              "sweepInterval": "PT30S",
              "accounts": [
                { "cloud": "aws", "id": "123", "regions": ["us-east"] },
                { "cloud": "azure", "id": "00000000-0000-0000-0000-000000000000", "roleArn": "arn:aws:iam::111122223333:role/x" }
              ],
              "spendCap": { "warnAtPercent": [0], "perAccount": { "abc": { "monthlyUsd": -5 } } },
              "idle": { "window": "P1M", "missingMetrics": "maybe", "extra": 1 },
              "orphans": { "stopAfter": "P2D", "terminateAfter": "P1D" },
              "anomaly": { "baselineDays": 5, "minBaselineDays": 9 },
              "alerts": { "teams": { "webhookUrlSetting": "has spaces" }, "routes": [ { "name": "r" } ] }
            }
            """;

        var result = PolicyLoader.Load(json, "many.json");
        var paths = result.Errors.Select(e => e.Path).ToList();

        Assert.Null(result.Policy);
        Assert.Equal(
            [
                "$.mode", "$.sweepInterval", "$.accounts[0].id", "$.accounts[0].regions[0]", "$.accounts[1].roleArn",
                "$.spendCap.warnAtPercent[0]", "$.spendCap.perAccount.abc", "$.spendCap.perAccount.abc.monthlyUsd",
                "$.idle.window", "$.idle.missingMetrics", "$.idle.extra", "$.orphans.terminateAfter", "$.anomaly.minBaselineDays",
                "$.alerts.teams.webhookUrlSetting", "$.alerts.routes[0]",
            ],
            paths);
        Assert.Equal(result.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), result.Errors);
        Assert.All(result.Errors, e => Assert.True(e.Line > 0 && e.Column > 0));
    }

    [Fact]
    public void Load_DuplicateProperty_IsReported()
    {
        var json = """
            {
              "name": "p",
              "mode": "enforce",
              "mode": "dry-run"
            }
            """;

        var error = Single(PolicyLoader.Load(json, "p.json"), "$.mode");

        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Contains("duplicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateAccountAndUnknownOverride_AreReported()
    {
        var json = """
            {
              "name": "p",
              "mode": "enforce",
              "accounts": [ { "cloud": "aws", "id": "111122223333" }, { "cloud": "aws", "id": "111122223333" } ],
              "spendCap": { "perAccount": { "444455556666": { "monthlyUsd": 5 } } }
            }
            """;

        var result = PolicyLoader.Load(json, "p.json");

        Assert.Contains("listed twice", Single(result, "$.accounts[1].id").Message, StringComparison.Ordinal);
        var overrideError = Single(result, "$.spendCap.perAccount['444455556666']");
        Assert.Equal((5, 33), (overrideError.Line, overrideError.Column));
    }

    [Fact]
    public void ToString_CompilerStyle_FileLineColumnPathMessage()
    {
        var error = new PolicyError("policy.json", "$.idle.window", 12, 15, "bad");

        Assert.Equal("policy.json:12:15: $.idle.window: bad", error.ToString());
    }

    [Fact]
    public async Task LoadFileAsync_MissingFile_IsAnErrorNotAnException()
    {
        var result = await PolicyLoader.LoadFileAsync(Path.Combine(Path.GetTempPath(), "costguard-no-such-policy.json"), CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("cannot read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ByteOrderMarkAndCrLf_AreAccepted()
    {
        var result = PolicyLoader.Load("\uFEFF{\r\n  \"name\": \"p\",\r\n  \"mode\": 1\r\n}", "p.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("$.mode", 3, 11), (error.Path, error.Line, error.Column));
    }

    [Fact]
    public void Load_NonObjectRoot_IsRejected()
    {
        var result = PolicyLoader.Load("[1, 2]", "p.json");

        Assert.Contains(result.Errors, e => e.Path == "$" && e.Message.Contains("expected an object", StringComparison.Ordinal));
    }
}
