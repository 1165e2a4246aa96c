using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Simulation.Trace;
using static CostGuard.Simulation.TraceText;

namespace CostGuard.Simulation;

public sealed class TraceSimulatorOutcomeTests
{
    [Fact]
    public async Task RunAsync_StopsOfWorkResumingSoonAndLater_NextActiveAtAndOnlyTheSoonOneIsADisruption()
    {
        var trace = new TraceText()
            .Series("2026-11-04T11:00:00Z", "2026-11-04T15:00:00Z", "lunch", t => t >= T("2026-11-04T12:00:00Z") && t < T("2026-11-04T12:40:00Z") ? "1" : "80")
            .Series("2026-11-04T11:00:00Z", "2026-11-04T15:00:00Z", "later", t => t >= T("2026-11-04T12:00:00Z") && t < T("2026-11-04T14:00:00Z") ? "1" : "80")
            .Series("2026-11-04T11:00:00Z", "2026-11-04T15:00:00Z", "never", t => t >= T("2026-11-04T12:00:00Z") ? "1" : "80");

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        var byInstance = result.Actions.ToDictionary(a => a.Instance);
        Assert.All(result.Actions, a => Assert.Equal(T("2026-11-04T12:30:00Z"), a.Time));
        Assert.Equal(T("2026-11-04T12:40:00Z"), byInstance["lunch"].NextActiveAt);
        Assert.Equal(T("2026-11-04T14:00:00Z"), byInstance["later"].NextActiveAt);
        Assert.Null(byInstance["never"].NextActiveAt);
        var disruption = Assert.Single(result.Disruptions);
        Assert.Equal(("lunch", T("2026-11-04T12:30:00Z"), T("2026-11-04T12:40:00Z")), (disruption.Instance, disruption.StoppedAt, disruption.NextActiveAt));
    }

    [Fact]
    public async Task RunAsync_ActiveExactlyAtWindowEnd_IsADisruption()
    {
        var trace = new TraceText().Series("2026-11-04T11:00:00Z", "2026-11-04T14:00:00Z", "edge", t => t >= T("2026-11-04T12:00:00Z") && t < T("2026-11-04T13:00:00Z") ? "1" : "5");

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        Assert.Equal(T("2026-11-04T13:00:00Z"), Assert.Single(result.Disruptions).NextActiveAt);
        Assert.Equal(T("2026-11-04T12:30:00Z"), result.Disruptions[0].StoppedAt);
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsEachPlannedActionOnceWhileItStaysPlannedAndChangesNothing()
    {
        var trace = new TraceText()
            .Series("2026-11-02T18:00:00Z", "2026-11-02T21:00:00Z", "i-1", t =>
                t < T("2026-11-02T19:00:00Z") || (t >= T("2026-11-02T19:40:00Z") && t < T("2026-11-02T19:50:00Z")) ? "50" : "1");

        var result = await Simulate.RunAsync(Simulate.Policy(PolicyMode.DryRun), trace);

        Assert.Equal([T("2026-11-02T19:30:00Z"), T("2026-11-02T20:20:00Z")], result.Actions.Select(a => a.Time).ToList());
        Assert.All(result.Actions, a => Assert.Equal(ActionKind.Stop, a.Action));
        Assert.Equal(result.SpendWithoutUsd, result.SpendWithUsd);
        Assert.Equal(PolicyMode.DryRun, result.Mode);
        Assert.Equal(T("2026-11-02T19:40:00Z"), result.Actions[0].NextActiveAt);
    }

    [Fact]
    public async Task RunAsync_DryRunOrphan_MarkReportedOnceAndNeverApplied()
    {
        var policy = Simulate.Policy(PolicyMode.DryRun) with
        {
            Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromMinutes(20) },
        };
        var trace = new TraceText().Series("2026-11-02T00:00:00Z", "2026-11-02T02:00:00Z", "zombie", _ => "50", tags: "env=x");

        var result = await Simulate.RunAsync(policy, trace);

        var tag = Assert.Single(result.Actions);
        Assert.Equal((ActionKind.Tag, T("2026-11-02T00:00:00Z")), (tag.Action, tag.Time));
    }

    [Fact]
    public async Task RunAsync_RowsOutOfTimeOrder_WarnsSortsAndGivesTheSameResult()
    {
        var ordered = new TraceText()
            .Series("2026-11-02T18:00:00Z", "2026-11-02T20:00:00Z", "i-1", t => t < T("2026-11-02T19:00:00Z") ? "50" : "1")
            .Series("2026-11-02T18:00:00Z", "2026-11-02T20:00:00Z", "i-2", _ => "50");
        var warnings = new List<string>();

        var sorted = await Simulate.RunAsync(Simulate.Policy(), ordered, options: new SimulationOptions { Warning = warnings.Add });

        Assert.True(sorted.SortedInMemory);
        Assert.Contains("line 26", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Equal(T("2026-11-02T19:30:00Z"), Assert.Single(sorted.Actions).Time);
        Assert.Equal(48, sorted.Rows);
        Assert.Equal(15m + (10m * 115 / 60), sorted.SpendWithUsd);
    }

    [Fact]
    public async Task RunAsync_RowsInTimeOrder_StreamWithoutWarning()
    {
        var trace = new TraceText().Series("2026-11-02T18:00:00Z", "2026-11-02T19:00:00Z", "i-1", _ => "50");
        var warnings = new List<string>();

        var result = await Simulate.RunAsync(Simulate.Policy(), trace, options: new SimulationOptions { Warning = warnings.Add });

        Assert.False(result.SortedInMemory);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task RunAsync_RowsInTimeOrder_EvaluatedWhileTheFileIsStillBeingRead()
    {
        // Large enough that the rows in flight between the reading and the simulating thread are a small part of it.
        var trace = new TraceText();
        for (var i = 0; i < 40; i++)
        {
            trace.Series("2026-11-02T00:00:00Z", "2026-11-06T00:00:00Z", $"i-{i}", _ => "50");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(SortedByTime(trace.ToString()));
        var stream = new MemoryStream(bytes);
        var readAtFirstSweeps = new List<long>();
        var engine = new RecordingEvaluator((_, now, _) =>
        {
            readAtFirstSweeps.Add(stream.Position);
            return [];
        });

        await new TraceSimulator(engine.Evaluate).RunAsync(Simulate.Policy(), () => stream, new SimulationOptions(), CancellationToken.None);

        Assert.True(bytes.Length > 2_000_000);
        Assert.True(readAtFirstSweeps[0] < bytes.Length / 2, $"first sweep after reading {readAtFirstSweeps[0]} of {bytes.Length} bytes");
    }

    [Fact]
    public async Task RunAsync_CancelledMidTrace_StopsBothThreadsWithACancellation()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(SortedByTime(LargeTrace()));
        using var cancel = new CancellationTokenSource();
        var engine = new RecordingEvaluator((_, _, _) =>
        {
            // Cancelled from inside the first sweep, while the reading thread is still ahead with the file.
            cancel.Cancel();
            return [];
        });

        var run = new TraceSimulator(engine.Evaluate).RunAsync(Simulate.Policy(), () => new MemoryStream(bytes), new SimulationOptions(), cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task RunAsync_EngineThrowsWhileTheReaderWaitsForRoom_TheErrorSurfacesAndNothingHangs()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(SortedByTime(LargeTrace()));
        var engine = new RecordingEvaluator((_, _, _) => throw new InvalidOperationException("engine broke"));

        var run = new TraceSimulator(engine.Evaluate).RunAsync(Simulate.Policy(), () => new MemoryStream(bytes), new SimulationOptions(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("engine broke", error.Message);
    }

    // Many more rows than the batches in flight between the two threads, so the reader is blocked waiting for room.
    private static string LargeTrace()
    {
        var trace = new TraceText();
        for (var i = 0; i < 40; i++)
        {
            trace.Series("2026-11-02T00:00:00Z", "2026-11-06T00:00:00Z", $"i-{i}", _ => "50");
        }

        return trace.ToString();
    }

    [Fact]
    public async Task RunAsync_HeaderOnly_IsATraceError()
    {
        await Assert.ThrowsAsync<TraceFormatException>(() => Simulate.RunAsync(Simulate.Policy(), new TraceText()));
    }

    private static string SortedByTime(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Select((l, i) => (l, i)).OrderBy(p => p.l[..20], StringComparer.Ordinal).ThenBy(p => p.i).Select(p => p.l))) + "\n";
    }
}
