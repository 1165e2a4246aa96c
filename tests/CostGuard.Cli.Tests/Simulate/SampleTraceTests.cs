using System.Text.Json;

namespace CostGuard.Cli.Simulate;

/// <summary>The shipped sample traces tell their stories, regenerate byte for byte, and the README's first command works.</summary>
public sealed class SampleTraceTests
{
    private static readonly string Samples = Path.Combine(CliRun.RepoRoot(), "policies", "samples");
    private static readonly string SamplePolicy = Path.Combine(Samples, "sample-gpu-guard.json");

    [Fact]
    public async Task SamplePolicy_IsValidPolicyLanguage()
    {
        var result = await CostGuard.Policies.Loading.PolicyLoader.LoadFileAsync(SamplePolicy, CancellationToken.None);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.Equal("sample-gpu-guard", result.Policy!.Name);
    }

    [Fact]
    public async Task Simulate_InvalidPolicy_ExitsTwoNamingTheError()
    {
        var policy = CliRun.Temp("bad.json", "{ \"name\": \"x\", \"mode\": \"sometimes\" }");

        var (exit, stdout, stderr) = await CliRun.RunAsync("simulate", "--policy", policy, "--trace", Path.Combine(Samples, "traces", "lunch-break.csv"), "--json");

        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("bad.json", stderr, StringComparison.Ordinal);
        Assert.Contains("mode", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceGenerate_DefaultSeed_ReproducesTheShippedSamplesExactly()
    {
        var output = Directory.CreateTempSubdirectory("costguard-traces-").FullName;

        var (exit, stdout, _) = await CliRun.RunAsync("trace", "generate", "--out", output);

        Assert.Equal((0, ""), (exit, stdout));
        var shipped = Directory.GetFiles(Path.Combine(Samples, "traces"), "*.csv*").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(shipped, Directory.GetFiles(output).Select(Path.GetFileName).Order().ToList());
        Assert.Equal(8, shipped.Count);
        foreach (var name in shipped)
        {
            // Compare the CSV text, not the gzip bytes: another zlib build may compress the same text differently.
            Assert.True(
                Content(Path.Combine(Samples, "traces", name!)) == Content(Path.Combine(output, name!)),
                $"{name} differs from what the generator writes; run `costguard trace generate --out policies/samples/traces`");
        }
    }

    private static string Content(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task Simulate_ReadmeFirstCommand_ShowsSavingsAndEveryStory()
    {
        var root = await SimulateAsync("fleet-two-weeks.csv.gz");

        var spend = root.GetProperty("spend");
        Assert.True(spend.GetProperty("savedUsd").GetDecimal() > 10_000m);
        var actions = root.GetProperty("actions").EnumerateArray().ToList();
        var reasons = actions.Select(a => a.GetProperty("reason").GetString()).Distinct().Order().ToList();
        Assert.Equal(["burn-cap", "idle", "orphan"], reasons);
        Assert.DoesNotContain(actions, a => a.GetProperty("instance").GetString()!.EndsWith("nd-train-llm-01", StringComparison.Ordinal));
        var kinds = root.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Contains("anomaly", kinds);
        Assert.Contains("burn-cap", kinds);
        Assert.Contains(root.GetProperty("disruptions").EnumerateArray(), d => d.GetProperty("instance").GetString() == "i-0l0nch0notebook01");
    }

    [Fact]
    public async Task Simulate_IdleWeekend_StoppedFridayEveningAndNextActiveMonday()
    {
        var stop = Assert.Single((await SimulateAsync("idle-weekend.csv.gz")).GetProperty("actions").EnumerateArray());

        Assert.Equal(("idle", "2026-11-06T18:30:00Z", "2026-11-09T09:00:00Z"), (Text(stop, "reason"), Text(stop, "time"), Text(stop, "nextActiveAt")));
    }

    [Fact]
    public async Task Simulate_NoMetrics_StoppedFailClosed()
    {
        var stop = Assert.Single((await SimulateAsync("no-metrics.csv.gz")).GetProperty("actions").EnumerateArray());

        Assert.Equal(("idle", "2026-11-03T08:30:00Z"), (Text(stop, "reason"), Text(stop, "time")));
        Assert.Contains("no utilization metrics", Text(stop, "detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ZombieEnvironment_MarkedStoppedThenReaped()
    {
        var actions = (await SimulateAsync("zombie-env.csv.gz")).GetProperty("actions").EnumerateArray()
            .Select(a => (Text(a, "time"), Text(a, "action"))).Distinct().ToList();

        Assert.Equal([("2026-11-02T00:00:00Z", "tag"), ("2026-11-02T04:00:00Z", "stop"), ("2026-11-04T00:00:00Z", "terminate")], actions);
    }

    [Fact]
    public async Task Simulate_ExemptLongJob_NeverStopped()
    {
        var root = await SimulateAsync("exempt-long-job.csv.gz");

        Assert.Empty(root.GetProperty("actions").EnumerateArray());
        Assert.Equal(0m, root.GetProperty("spend").GetProperty("savedUsd").GetDecimal());
    }

    [Fact]
    public async Task Simulate_WeekendSweep_BurnCapStopsAtLaunchThenIdleStops()
    {
        var actions = (await SimulateAsync("weekend-sweep.csv.gz")).GetProperty("actions").EnumerateArray().ToList();

        var burnCap = actions.Where(a => Text(a, "reason") == "burn-cap").ToList();
        Assert.Equal(30, burnCap.Count);
        Assert.All(burnCap, a => Assert.Equal("2026-11-07T01:02:00Z", Text(a, "time")));
        Assert.Equal(70, actions.Count(a => Text(a, "reason") == "idle"));
    }

    [Fact]
    public async Task Simulate_Html_WritesASelfContainedReport()
    {
        var html = Path.Combine(Directory.CreateTempSubdirectory("costguard-html-").FullName, "report.html");

        var (exit, _, _) = await CliRun.RunAsync("simulate", "--policy", SamplePolicy, "--trace", Path.Combine(Samples, "traces", "fleet-two-weeks.csv.gz"), "--html", html);

        Assert.Equal(0, exit);
        var text = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
        foreach (var external in new[] { "<script", "<link", "src=", "url(", "@import", "@font-face" })
        {
            Assert.DoesNotContain(external, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("Cumulative GPU spend, without vs with the guard", text, StringComparison.Ordinal);
        Assert.Contains("Hourly GPU burn vs cap", text, StringComparison.Ordinal);
        Assert.Contains("hourly burn cap", text, StringComparison.Ordinal);
        Assert.Contains("cost per active user", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "class=\"marker\""));
        Assert.Contains("<td class=\"id\">i-0a1d1e0weekend001</td>", text, StringComparison.Ordinal);
        Assert.Equal(3 * 4, System.Text.RegularExpressions.Regex.Count(text, "<svg "));
    }

    private static async Task<JsonElement> SimulateAsync(string trace)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("simulate", "--policy", SamplePolicy, "--trace", Path.Combine(Samples, "traces", trace), "--json");
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
