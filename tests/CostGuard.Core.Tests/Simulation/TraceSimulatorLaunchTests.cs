using CostGuard.Engine;
using CostGuard.Policies;
using static CostGuard.Simulation.TraceText;

namespace CostGuard.Simulation;

public sealed class TraceSimulatorLaunchTests
{
    [Fact]
    public async Task RunAsync_Launches_EvaluatedWhenTheyHappenWithFocusAndOnceOnSweepTimes()
    {
        var trace = new TraceText()
            .Row("2026-11-02T00:00:00Z", "a")
            .Row("2026-11-02T00:03:00Z", "d", "stopped", gpu: "")
            .Row("2026-11-02T00:05:00Z", "a")
            .Row("2026-11-02T00:05:00Z", "b")
            .Row("2026-11-02T00:07:00Z", "c")
            .Row("2026-11-02T00:08:00Z", "d")
            .Row("2026-11-02T00:10:00Z", "a")
            .Row("2026-11-02T00:12:00Z", "c");
        var engine = new RecordingEvaluator();

        await Simulate.RunAsync(Simulate.Policy(), trace, engine.Evaluate);

        Assert.Equal(
            [("00:00", null), ("00:05", null), ("00:07", "c"), ("00:08", "d"), ("00:10", null)],
            engine.Calls.Select(c => (c.Now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), c.Focus?.InstanceId)).ToList());
        var atLaunch = engine.Calls.Single(c => c.Focus?.InstanceId == "c").Snapshot.Accounts.Single();
        Assert.Equal(["a", "b", "c", "d"], atLaunch.Instances.Select(i => i.Id).Order().ToArray());
    }

    [Fact]
    public async Task RunAsync_LaunchEvaluation_ActsOnlyOnTheLaunchedInstance()
    {
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T00:20:00Z", "a", _ => "50")
            .Series("2026-11-02T00:02:00Z", "2026-11-02T00:20:00Z", "b", _ => "50");

        // The scripted engine wants both stopped, but only on the launch evaluation of b.
        var engine = new RecordingEvaluator((snapshot, now, focus) =>
            focus is null ? [] : [RecordingEvaluator.Stop(snapshot, "a"), RecordingEvaluator.Stop(snapshot, "b")]);

        var result = await Simulate.RunAsync(Simulate.Policy(), trace, engine.Evaluate);

        var stop = Assert.Single(result.Actions);
        Assert.Equal("b", stop.Instance);
        Assert.Equal(T("2026-11-02T00:02:00Z"), stop.Time);
    }

    [Fact]
    public async Task RunAsync_LaunchOverBurnCap_StoppedAtLaunchWithAlert()
    {
        var policy = Simulate.Policy() with { SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 15 } };
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", "a", _ => "50")
            .Series("2026-11-02T00:02:00Z", "2026-11-02T01:00:00Z", "b", _ => "50");

        var result = await Simulate.RunAsync(policy, trace);

        var stop = Assert.Single(result.Actions);
        Assert.Equal(("b", ActionKind.Stop, ActionReason.BurnCap), (stop.Instance, stop.Action, stop.Reason));
        Assert.Equal(T("2026-11-02T00:02:00Z"), stop.Time);
        Assert.Equal(T("2026-11-02T00:02:00Z"), stop.NextActiveAt);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal((AlertKind.BurnCap, T("2026-11-02T00:02:00Z"), "111122223333"), (alert.Kind, alert.Time, alert.Account));
        Assert.Equal("b", Assert.Single(result.Disruptions).Instance);
    }

    [Fact]
    public async Task RunAsync_GuardTags_PersistUnderLaterRowsUntilTheTraceCarriesRequiredTags()
    {
        var policy = Simulate.Policy() with
        {
            Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromHours(1) },
        };
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T02:00:00Z", "zombie", _ => "50", tags: "env=x")
            .Series("2026-11-02T00:00:00Z", "2026-11-02T00:20:00Z", "adopted", _ => "50", tags: "env=x")
            .Series("2026-11-02T00:20:00Z", "2026-11-02T02:00:00Z", "adopted", _ => "50", tags: "env=x;owner=bob");

        var result = await Simulate.RunAsync(policy, trace);

        Assert.Equal(
            [
                ("00:00", "zombie", ActionKind.Tag),
                ("00:00", "adopted", ActionKind.Tag),
                ("00:20", "adopted", ActionKind.Untag),
                ("01:00", "zombie", ActionKind.Stop),
            ],
            result.Actions.Select(a => (a.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), a.Instance, a.Action)).ToList());
        Assert.All(result.Actions, a => Assert.Equal(ActionReason.Orphan, a.Reason));
        Assert.Equal("costguard:orphan", result.Actions[0].TagKey);
        Assert.Equal("2026-11-02T00:00:00Z", result.Actions[0].TagValue);
    }
}
