using System.Text.Json;

namespace CostGuard.Cli.Simulate;

public sealed class SimulateCommandTests
{
    private const string Header = "time,cloud,account,region,instance,type,state,usd_per_hour,gpu_util,cpu_util,tags";

    private const string Policy = """
        {
          // comments are allowed, as in the shipped policies
          "name": "cli-test",
          "mode": "enforce",
          "sweepInterval": "PT5M",
          "idle": { "window": "PT30M", "gpuUtilBelow": 5 },
          "orphans": { "requiredTags": ["owner"], "stopAfter": "PT1H" },
          "spendCap": { "monthlyUsd": 1000, "maxHourlyBurnUsd": 100 }
        }
        """;

    [Fact]
    public async Task Simulate_Json_WritesExactlyTheContractShape()
    {
        var trace = Trace(t => t.Hour < 19 ? "50" : "1", "owner=alice") + Trace(_ => "50", "env=x", "i-zombie");

        var (exit, stdout, stderr) = await CliRun.RunAsync("simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", trace), "--json");

        Assert.Equal(0, exit);
        Assert.Contains("not in time order", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(["policy", "mode", "trace", "spend", "actions", "alerts", "disruptions"], Keys(root));
        Assert.Equal("cli-test", root.GetProperty("policy").GetString());
        Assert.Equal("enforce", root.GetProperty("mode").GetString());
        Assert.Equal(["start", "end", "instances", "rows"], Keys(root.GetProperty("trace")));
        Assert.Equal("2026-11-02T18:00:00Z", root.GetProperty("trace").GetProperty("start").GetString());
        Assert.Equal("2026-11-02T20:55:00Z", root.GetProperty("trace").GetProperty("end").GetString());
        Assert.Equal(2, root.GetProperty("trace").GetProperty("instances").GetInt32());
        Assert.Equal(72, root.GetProperty("trace").GetProperty("rows").GetInt32());
        Assert.Equal(["withoutGuardUsd", "withGuardUsd", "savedUsd"], Keys(root.GetProperty("spend")));
        Assert.Equal(58.33m, root.GetProperty("spend").GetProperty("withoutGuardUsd").GetDecimal());
        Assert.Equal(25m, root.GetProperty("spend").GetProperty("withGuardUsd").GetDecimal());
        Assert.Equal(33.33m, root.GetProperty("spend").GetProperty("savedUsd").GetDecimal());

        var actions = root.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["tag", "stop", "stop"], actions.Select(a => a.GetProperty("action").GetString()).ToList());
        Assert.Equal(["time", "cloud", "account", "region", "instance", "action", "reason", "detail"], Keys(actions[0]));
        Assert.Equal(["time", "cloud", "account", "region", "instance", "action", "reason", "detail", "nextActiveAt"], Keys(actions[1]));
        Assert.Equal(("2026-11-02T19:00:00Z", "i-zombie", "orphan"), (actions[1].GetProperty("time").GetString(), actions[1].GetProperty("instance").GetString(), actions[1].GetProperty("reason").GetString()));
        Assert.Equal("2026-11-02T19:00:00Z", actions[1].GetProperty("nextActiveAt").GetString());
        Assert.Equal(("2026-11-02T19:30:00Z", "idle", "aws"), (actions[2].GetProperty("time").GetString(), actions[2].GetProperty("reason").GetString(), actions[2].GetProperty("cloud").GetString()));
        Assert.Equal(JsonValueKind.Null, actions[2].GetProperty("nextActiveAt").ValueKind);

        Assert.Empty(root.GetProperty("alerts").EnumerateArray());
        var disruption = Assert.Single(root.GetProperty("disruptions").EnumerateArray());
        Assert.Equal(["instance", "stoppedAt", "nextActiveAt"], Keys(disruption));
        Assert.Equal("i-zombie", disruption.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Simulate_OpeningSpendOverMonthlyCap_StopsAtFirstSweepAndAlerts()
    {
        var trace = Trace(_ => "50", "owner=alice");

        var (exit, stdout, _) = await CliRun.RunAsync(
            "simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", trace), "--json", "--opening-spend", "111122223333=995", "--opening-spend", "999999999999=5");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var stop = Assert.Single(doc.RootElement.GetProperty("actions").EnumerateArray());
        Assert.Equal(("monthly-cap", "2026-11-02T18:30:00Z"), (stop.GetProperty("reason").GetString(), stop.GetProperty("time").GetString()));
        Assert.Contains("cap-breach", doc.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Simulate_BadTrace_ExitsTwoWithLineAndColumnAndNothingOnStdout()
    {
        var trace = Header + "\n2026-11-02T18:00:00Z,aws,111122223333,us-east-1,i-1,g5.xlarge,running,10,50,10,owner=a\n"
            + "2026-11-02T18:05:00,aws,111122223333,us-east-1,i-1,g5.xlarge,running,10,50,10,owner=a\n";

        var (exit, stdout, stderr) = await CliRun.RunAsync("simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", trace), "--json");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("line 3, column 'time'", stderr, StringComparison.Ordinal);
        Assert.Contains("no zone", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_MissingTraceFile_ExitsTwo()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", "/nonexistent/trace.csv", "--json");

        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_BadOpeningSpend_IsAUsageError()
    {
        var (exit, stdout, _) = await CliRun.RunAsync(
            "simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", Trace(_ => "50", "owner=a")), "--opening-spend", "abc");

        Assert.Equal((64, ""), (exit, stdout));
    }

    [Fact]
    public async Task Simulate_WithoutJson_HumanSummaryOnStderrOnly()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(
            "simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", Trace(t => t.Hour < 19 ? "50" : "1", "owner=alice")));

        Assert.Equal((0, ""), (exit, stdout));
        Assert.Contains("Saved", stderr, StringComparison.Ordinal);
        Assert.Contains("│ 2026-11-02T19:30:00Z │ stop ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_WithoutJson_PerRuleSummaryBeforeTheDetailTable()
    {
        var (exit, _, stderr) = await CliRun.RunAsync(
            "simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", Trace(t => t.Hour < 19 ? "50" : "1", "owner=alice")));

        // Stopped 19:30 at $10/h; the trace ends 20:55: 1 h 25 min not spent.
        Assert.Equal(0, exit);
        var rule = stderr.IndexOf("  idle: 1 stop at 2026-11-02T19:30:00Z, saved $14.17", StringComparison.Ordinal);
        Assert.True(rule > 0, stderr);
        Assert.True(rule < stderr.IndexOf("Actions (1)", StringComparison.Ordinal), stderr);
    }

    [Fact]
    public async Task Simulate_ControlCharactersInIdsAndTags_ShownNotObeyedInTableAndHtml()
    {
        var html = CliRun.Temp("r.html", "");
        var hostile = "i-1\u001b[31mRED\u202Eevil";
        var trace = Header + "\n" + string.Concat(Enumerable.Range(0, 12).Select(i =>
            $"2026-11-02T18:{i * 5:D2}:00Z,aws,111122223333,us-east-1,\"{hostile}\nforged row\",g5.xlarge,running,10,1,10,\"owner=a\u001b[1mbold\u0007\"\n"));

        var (exit, _, stderr) = await CliRun.RunAsync("simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", trace), "--html", html);

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', stderr);
        Assert.DoesNotContain('\u202E', stderr);
        Assert.Contains("i-1\\u001B[31mRED\\u202Eevil\\nforged row", stderr, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(html);
        Assert.DoesNotContain('\u202E', report);
        Assert.DoesNotContain('\u001b', report);
        Assert.Contains("i-1\\u001B[31mRED\\u202Eevil\\nforged row", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_TraceErrorQuotingEscapeCodes_ShownNotObeyed()
    {
        var trace = Header + "\n2026-11-02T18:00:00Z,aws,111122223333,us-east-1,i-1,g5.xlarge,running,10,50,10,\"owner=a;\u001b[2Jx\"\n";

        var (exit, _, stderr) = await CliRun.RunAsync("simulate", "--policy", CliRun.Temp("p.json", Policy), "--trace", CliRun.Temp("t.csv", trace));

        Assert.Equal(2, exit);
        Assert.Contains("line 2, column 'tags': tag '\\u001B[2Jx' has no '='", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stderr);
    }

    internal static string Trace(Func<DateTimeOffset, string> gpu, string tags, string instance = "i-1")
    {
        var sb = new System.Text.StringBuilder(instance == "i-1" ? Header + "\n" : "");
        for (var t = new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero); t.Hour < 21; t = t.AddMinutes(5))
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd'T'HH:mm:ss'Z'},aws,111122223333,us-east-1,{instance},g5.xlarge,running,10,{gpu(t)},10,{tags}\n");
        }

        return sb.ToString();
    }

    private static List<string> Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
