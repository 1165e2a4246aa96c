using System.Text;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Simulation.Trace.Samples;
using CostGuard.Simulation.Trace;
using static CostGuard.Simulation.TraceText;

namespace CostGuard.Simulation;

public sealed class TraceSimulatorSpendTests
{
    [Fact]
    public async Task RunAsync_MonthBoundary_MonthToDateResetsAndOpeningSpendCountsInTheFirstMonthOnly()
    {
        var trace = new TraceText().Series("2026-10-31T22:00:00Z", "2026-11-01T02:00:00Z", "i-1", _ => "50", price: 12m);
        var engine = new RecordingEvaluator();
        var options = new SimulationOptions { OpeningSpendUsd = new Dictionary<string, decimal> { ["111122223333"] = 100m } };

        await Simulate.RunAsync(Simulate.Policy(), trace, engine.Evaluate, options);

        decimal MonthToDate(string time) => engine.Calls.Single(c => c.Now == T(time)).Snapshot.Accounts.Single().MonthToDateUsd;
        Assert.Equal(100m, MonthToDate("2026-10-31T22:00:00Z"));
        Assert.Equal(112m, MonthToDate("2026-10-31T23:00:00Z"));
        Assert.Equal(123m, MonthToDate("2026-10-31T23:55:00Z"));
        Assert.Equal(0m, MonthToDate("2026-11-01T00:00:00Z"));
        Assert.Equal(12m, MonthToDate("2026-11-01T01:00:00Z"));
    }

    [Fact]
    public async Task RunAsync_DailyUsage_WholeClosedDaysOnlyWithZeroDaysAndUsersByTag()
    {
        var trace = new TraceText()
            .Series("2026-11-01T12:00:00Z", "2026-11-04T00:10:00Z", "alice-box", t => t < T("2026-11-02T23:00:00Z") ? "50" : "1", price: 1m, tags: "owner=alice")
            .Series("2026-11-03T06:00:00Z", "2026-11-04T00:10:00Z", "bob-box", _ => "50", price: 2m, tags: "owner=bob", account: "222233334444")
            .Series("2026-11-03T06:00:00Z", "2026-11-04T00:10:00Z", "nobody-box", _ => "50", price: 1m, tags: "env=x", account: "222233334444");
        var policy = new Policy { Name = "usage", Mode = PolicyMode.Enforce };
        var engine = new RecordingEvaluator();

        await Simulate.RunAsync(policy, SortedCopy(trace), engine.Evaluate);

        var third = engine.Calls.Single(c => c.Now == T("2026-11-03T00:00:00Z")).Snapshot;
        Assert.Equal([new DateOnly(2026, 11, 2)], third.Accounts.Single().DailyUsage.Select(d => d.Day).ToList());

        var fourth = engine.Calls.Single(c => c.Now == T("2026-11-04T00:00:00Z")).Snapshot;
        var alice = fourth.Accounts.Single(a => a.Id == "111122223333").DailyUsage;
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)], alice.Select(d => d.Day).ToList());
        Assert.Equal((24m, 1), (alice[0].SpendUsd, alice[0].ActiveUsers));
        Assert.Equal(24m, alice[0].SpendByUser["alice"]);
        Assert.Equal((24m, 0), (alice[1].SpendUsd, alice[1].ActiveUsers));

        var bob = fourth.Accounts.Single(a => a.Id == "222233334444").DailyUsage;
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)], bob.Select(d => d.Day).ToList());
        Assert.Equal((0m, 0), (bob[0].SpendUsd, bob[0].ActiveUsers));
        Assert.Equal((54m, 1), (bob[1].SpendUsd, bob[1].ActiveUsers));
        Assert.Equal(36m, bob[1].SpendByUser["bob"]);
        Assert.Equal(18m, bob[1].SpendByUser[""]);
    }

    [Fact]
    public async Task RunAsync_DailyUsage_CountsSpendWithTheGuardsStops()
    {
        var trace = new TraceText().Series("2026-11-02T00:00:00Z", "2026-11-03T00:10:00Z", "i-1", t => t < T("2026-11-02T10:00:00Z") ? "50" : "1", price: 1m);
        var engine = new RecordingEvaluator((snapshot, now, _) => now == T("2026-11-02T12:00:00Z") ? [RecordingEvaluator.Stop(snapshot, "i-1")] : []);

        await Simulate.RunAsync(Simulate.Policy(), trace, engine.Evaluate);

        var day = engine.Calls.Single(c => c.Now == T("2026-11-03T00:00:00Z")).Snapshot.Accounts.Single().DailyUsage.Single();
        Assert.Equal((12m, 1), (day.SpendUsd, day.ActiveUsers));
    }

    [Fact]
    public async Task RunAsync_SpendAnomalySample_AlertsAtFirstSweepAfterTheDayCloses()
    {
        var policy = new Policy
        {
            Name = "anomaly",
            Mode = PolicyMode.Enforce,
            Anomaly = new AnomalyRule { UserTag = "owner", BaselineDays = 14, MinBaselineDays = 7, Threshold = 3.5, MinDailyUsd = 50 },
        };
        var csv = new StringWriter();
        await TraceCsvWriter.WriteAsync(SampleStories.Generate("spend-anomaly", 42), csv, CancellationToken.None);

        var result = await new TraceSimulator().RunAsync(
            policy, () => new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new SimulationOptions(), CancellationToken.None);

        var alert = Assert.Single(result.Alerts);
        Assert.Equal((AlertKind.Anomaly, SampleStories.AwsDataScience, T("2026-11-15T00:00:00Z")), (alert.Kind, alert.Account, alert.Time));
        Assert.Contains("2026-11-14", alert.Message, StringComparison.Ordinal);
        Assert.Contains("mallory", alert.Message, StringComparison.Ordinal);
    }

    private static TraceText SortedCopy(TraceText trace)
    {
        var lines = trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sorted = new TraceText();
        foreach (var line in lines.Skip(1).Select((l, i) => (l, i)).OrderBy(p => p.l[..20], StringComparer.Ordinal).ThenBy(p => p.i))
        {
            sorted.Raw(line.l);
        }

        return sorted;
    }
}
