using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using static CostGuard.Simulation.TraceText;

namespace CostGuard.Simulation;

/// <summary>The simulator rules decided in the reliability issue, each pinned with exact times.</summary>
public sealed class TraceSimulatorRuleTests
{
    [Fact]
    public async Task RunAsync_TwoLaunchesInTheSameSecond_OneFocusedEvaluationCoveringBoth()
    {
        var trace = new TraceText()
            .Row("2026-11-02T00:00:00Z", "a")
            .Row("2026-11-02T00:02:00Z", "b")
            .Row("2026-11-02T00:02:00Z", "c")
            .Row("2026-11-02T00:05:00Z", "a");
        var engine = new RecordingEvaluator();

        await Simulate.RunAsync(Simulate.Policy(), trace, engine.Evaluate);

        var launch = Assert.Single(engine.Calls, c => c.Focus is not null);
        Assert.Equal(T("2026-11-02T00:02:00Z"), launch.Now);
        Assert.True(launch.Focus!.Covers(CloudKind.Aws, "111122223333", "b"));
        Assert.True(launch.Focus.Covers(CloudKind.Aws, "111122223333", "c"));
        Assert.False(launch.Focus.Covers(CloudKind.Aws, "111122223333", "a"));
    }

    [Fact]
    public async Task RunAsync_SameSecondLaunchesOverBurnCap_NewestStopsFirstTiesByHigherIdWithOneBurnFigure()
    {
        // a runs since 00:00; b, c and d launch together at 00:02. Cap $25/h, $10/h each: $40/h needs two stops.
        var policy = Simulate.Policy() with { SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 25 } };
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T00:04:00Z", "a", _ => "50", stepMinutes: 2)
            .Row("2026-11-02T00:02:00Z", "i-b")
            .Row("2026-11-02T00:02:00Z", "i-c")
            .Row("2026-11-02T00:02:00Z", "i-d");

        var result = await Simulate.RunAsync(policy, trace);

        var stops = result.Actions.Where(a => a.Action == ActionKind.Stop).ToList();
        Assert.Equal(["i-d", "i-c"], stops.Select(s => s.Instance).ToArray());
        Assert.All(stops, s => Assert.Equal((T("2026-11-02T00:02:00Z"), ActionReason.BurnCap), (s.Time, s.Reason)));

        // Each reason quotes the burn of the one evaluation as its stops bring it down ($40/h, then $30/h). Judged one
        // launch at a time, i-c's evaluation would quote $30/h as if i-d were already stopped, and so would i-d's.
        Assert.StartsWith("account GPU burn $40.00/h over the $25.00/h cap", stops[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("account GPU burn $30.00/h over the $25.00/h cap", stops[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DryRunActionWhoseReasonChanges_ReportedOnceWhileItStaysPlanned()
    {
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T00:30:00Z", "a", _ => "50");

        // Planned as idle at 00:05 and 00:10, as burn-cap at 00:15, not at 00:20, idle again from 00:25.
        var engine = new RecordingEvaluator((snapshot, now, _) => now.Minute switch
        {
            5 or 10 or 25 => [RecordingEvaluator.Stop(snapshot, "a")],
            15 => [RecordingEvaluator.Stop(snapshot, "a") with { Reason = ActionReason.BurnCap }],
            _ => [],
        });

        var result = await Simulate.RunAsync(Simulate.Policy(PolicyMode.DryRun), trace, engine.Evaluate);

        Assert.Equal(
            [(T("2026-11-02T00:05:00Z"), ActionReason.Idle), (T("2026-11-02T00:25:00Z"), ActionReason.Idle)],
            result.Actions.Select(a => (a.Time, a.Reason)).ToList());
    }

    [Fact]
    public async Task RunAsync_DryRunTagsOfDifferentKeys_EachReportedOnce()
    {
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T00:15:00Z", "a", _ => "50");
        var engine = new RecordingEvaluator((snapshot, now, _) =>
        [
            Tag(snapshot, "costguard:orphan"),
            .. now.Minute >= 5 ? [Tag(snapshot, "costguard:note")] : Array.Empty<PlannedAction>(),
        ]);

        var result = await Simulate.RunAsync(Simulate.Policy(PolicyMode.DryRun), trace, engine.Evaluate);

        Assert.Equal(
            [(T("2026-11-02T00:00:00Z"), "costguard:orphan"), (T("2026-11-02T00:05:00Z"), "costguard:note")],
            result.Actions.Select(a => (a.Time, a.TagKey!)).ToList());
    }

    private static PlannedAction Tag(FleetSnapshot snapshot, string key) =>
        RecordingEvaluator.Stop(snapshot, "a") with { Action = ActionKind.Tag, Reason = ActionReason.Orphan, TagKey = key, TagValue = "x" };
}
