using System.Text.Json.Nodes;

namespace CostGuard.Cli.Simulate;

/// <summary><c>simulate --baseline-policy</c>: both runs, the difference, Markdown for the pull-request comment.</summary>
public sealed class BaselineComparisonTests : IDisposable
{
    private static readonly string Sample = Path.Combine(CliRun.RepoRoot(), "policies", "samples", "sample-gpu-guard.json");
    private static readonly string IdleWeekend = Path.Combine(CliRun.RepoRoot(), "policies", "samples", "traces", "idle-weekend.csv.gz");
    private static readonly string TwoWeeks = Path.Combine(CliRun.RepoRoot(), "policies", "samples", "traces", "fleet-two-weeks.csv.gz");

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Json_WithBaseline_TopLevelIsTheUsualDocumentOfTheNewPolicy()
    {
        var plain = await CliRun.RunAsync("simulate", "--policy", Sample, "--trace", IdleWeekend, "--json");
        var compared = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", WithoutIdle(), "--trace", IdleWeekend, "--json");

        Assert.Equal(0, plain.Exit);
        Assert.Equal(0, compared.Exit);
        var usual = JsonNode.Parse(plain.Out)!.AsObject();
        Assert.False(usual.ContainsKey("baseline"));
        Assert.False(usual.ContainsKey("comparison"));
        var top = JsonNode.Parse(compared.Out)!.AsObject();
        top.Remove("baseline");
        top.Remove("comparison");
        Assert.True(JsonNode.DeepEquals(usual, top));
    }

    [Fact]
    public async Task Json_BaselineSection_IsTheBaselinePolicysUsualDocument()
    {
        var baselinePolicy = WithoutIdle();
        var plain = await CliRun.RunAsync("simulate", "--policy", baselinePolicy, "--trace", IdleWeekend, "--json");
        var compared = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", baselinePolicy, "--trace", IdleWeekend, "--json");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(plain.Out), JsonNode.Parse(compared.Out)!["baseline"]));
    }

    [Fact]
    public async Task Json_SamePolicyBothSides_NoChange()
    {
        var (exit, output, _) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", Sample, "--trace", IdleWeekend, "--json");

        Assert.Equal(0, exit);
        var comparison = JsonNode.Parse(output)!["comparison"]!;
        foreach (var figure in new[] { "savedUsd", "spendWithGuardUsd", "actions", "disruptions", "alerts" })
        {
            Assert.Equal(0m, comparison[figure]!["change"]!.GetValue<decimal>());
        }

        Assert.All(comparison["rules"]!.AsArray(), r => Assert.True(JsonNode.DeepEquals(r!["baseline"], r["new"])));
    }

    [Fact]
    public async Task Json_IdleRuleAdded_ReportsItsSavingsAndStopsBeforeVsAfter()
    {
        var (exit, output, _) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", WithoutIdle(), "--trace", IdleWeekend, "--json");

        Assert.Equal(0, exit);
        var document = JsonNode.Parse(output)!;
        var idle = document["comparison"]!["rules"]!.AsArray().Single(r => r!["rule"]!.GetValue<string>() == "idle")!;
        Assert.False(idle["baseline"]!["on"]!.GetValue<bool>());
        Assert.Null(idle["baseline"]!["savedUsd"]);
        Assert.Equal(0, idle["baseline"]!["stops"]!.GetValue<int>());
        Assert.True(idle["new"]!["on"]!.GetValue<bool>());
        Assert.True(idle["new"]!["savedUsd"]!.GetValue<decimal>() > 0);
        Assert.True(idle["new"]!["stops"]!.GetValue<int>() > 0);

        var saved = document["comparison"]!["savedUsd"]!;
        Assert.Equal(document["baseline"]!["spend"]!["savedUsd"]!.GetValue<decimal>(), saved["baseline"]!.GetValue<decimal>());
        Assert.Equal(document["spend"]!["savedUsd"]!.GetValue<decimal>(), saved["new"]!.GetValue<decimal>());
        Assert.Equal(saved["new"]!.GetValue<decimal>() - saved["baseline"]!.GetValue<decimal>(), saved["change"]!.GetValue<decimal>());
        Assert.True(saved["change"]!.GetValue<decimal>() > 0);
    }

    [Fact]
    public async Task Json_OnlyOneRule_ItsSavingIsTheWholeSaving()
    {
        var idleOnly = _files.Write("""
            { "name": "idle-only", "mode": "enforce", "idle": { "window": "PT30M", "gpuUtilBelow": 5 } }
            """);

        var (_, output, _) = await CliRun.RunAsync("simulate", "--policy", idleOnly, "--baseline-policy", idleOnly, "--trace", IdleWeekend, "--json");

        var document = JsonNode.Parse(output)!;
        var idle = document["comparison"]!["rules"]!.AsArray().Single(r => r!["rule"]!.GetValue<string>() == "idle")!;
        Assert.Equal(document["spend"]!["savedUsd"]!.GetValue<decimal>(), idle["new"]!["savedUsd"]!.GetValue<decimal>());
        Assert.True(idle["new"]!["savedUsd"]!.GetValue<decimal>() > 0);
    }

    [Fact]
    public async Task Json_EveryDisruption_AttributedToExactlyOneRule()
    {
        var (_, output, _) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", WithoutIdle(), "--trace", TwoWeeks, "--json");

        var document = JsonNode.Parse(output)!;
        var rules = document["comparison"]!["rules"]!.AsArray();
        Assert.Equal(document["disruptions"]!.AsArray().Count, rules.Sum(r => r!["new"]!["disruptions"]!.GetValue<int>()));
        Assert.Equal(document["baseline"]!["disruptions"]!.AsArray().Count, rules.Sum(r => r!["baseline"]!["disruptions"]!.GetValue<int>()));
        Assert.Equal(
            document["actions"]!.AsArray().Count(a => a!["action"]!.GetValue<string>() == "stop"),
            rules.Sum(r => r!["new"]!["stops"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Markdown_IdleRuleAdded_TotalsPerRuleAndTheAddedActions()
    {
        var (exit, output, error) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", WithoutIdle(), "--trace", IdleWeekend, "--markdown");

        Assert.Equal(0, exit);
        Assert.StartsWith("### `sample-gpu-guard` on `idle-weekend.csv.gz`", output, StringComparison.Ordinal);
        Assert.Contains("| | baseline | new | change |", output, StringComparison.Ordinal);
        Assert.Matches(@"\| \*\*Saved\*\* \| \*\*\$[0-9,.]+\*\* \([0-9.]+ %\) \| \*\*\$[0-9,.]+\*\* \([0-9.]+ %\) \| \*\*\+\$[0-9,.]+\*\* \|", output);
        Assert.Matches(@"\| idle \| off → \$[0-9,.]+ \| 0 → [1-9][0-9]* \(\+[1-9][0-9]*\) \|", output);
        Assert.Contains("| orphans |", output, StringComparison.Ordinal);
        Assert.Contains("| spend-cap |", output, StringComparison.Ordinal);
        Assert.Matches(@"<summary>Actions that change: [1-9][0-9]* added, 0 removed</summary>", output);
        Assert.Matches(@"\| \+ \| 20[0-9-]+T[0-9:]+Z \| stop \| idle \|", output);
        Assert.Contains("Baseline:", error, StringComparison.Ordinal);
        Assert.Contains("New:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_SamePolicy_SaysNothingChanges()
    {
        var (_, output, _) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", Sample, "--trace", IdleWeekend, "--markdown");

        Assert.Contains("The change takes exactly the same actions on this trace.", output, StringComparison.Ordinal);
        Assert.Contains("| **Saved** |", output, StringComparison.Ordinal);
        Assert.Matches(@"\| \*\*Saved\*\* \|[^\n]*\| \*\*\$0\.00\*\* \|", output);
    }

    [Fact]
    public async Task Markdown_WithoutBaseline_UsageError()
    {
        var (exit, output, error) = await CliRun.RunAsync("simulate", "--policy", Sample, "--trace", IdleWeekend, "--markdown");

        Assert.Equal(64, exit);
        Assert.Empty(output);
        Assert.Contains("--baseline-policy", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonAndMarkdown_Together_UsageError()
    {
        var (exit, output, _) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", Sample, "--trace", IdleWeekend, "--json", "--markdown");

        Assert.Equal(64, exit);
        Assert.Empty(output);
    }

    [Fact]
    public async Task InvalidBaseline_ListsItsErrorsAndRunsNothing()
    {
        var broken = _files.Write("""{ "name": "broken", "mode": "sometimes" }""");

        var (exit, output, error) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", broken, "--trace", IdleWeekend, "--json");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("error: (baseline)", error, StringComparison.Ordinal);
        Assert.Contains("mode", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingTrace_InvalidInput()
    {
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--policy", Sample, "--baseline-policy", Sample, "--trace", "/nonexistent/trace.csv", "--markdown");

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    private string WithoutIdle()
    {
        var text = File.ReadAllText(Sample);
        var idleLine = text.Split('\n').Single(l => l.TrimStart().StartsWith("\"idle\"", StringComparison.Ordinal));
        return _files.Write(text.Replace(idleLine + "\n", string.Empty, StringComparison.Ordinal).Replace("\"name\": \"sample-gpu-guard\"", "\"name\": \"sample-without-idle\"", StringComparison.Ordinal));
    }
}
