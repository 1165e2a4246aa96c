using CostGuard.Engine;
using CostGuard.Policies;
using static CostGuard.Simulation.TraceText;

namespace CostGuard.Simulation;

public sealed class TraceSimulatorIdleTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    public async Task RunAsync_IdleFrom1900UnderThirtyMinuteWindow_StoppedAt1930(int sampleMinutes)
    {
        var trace = new TraceText().Series("2026-11-02T18:00:00Z", "2026-11-02T21:00:00Z", "i-1", t => t < T("2026-11-02T19:00:00Z") ? "50" : "1", sampleMinutes);

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        var stop = Assert.Single(result.Actions);
        Assert.Equal(ActionKind.Stop, stop.Action);
        Assert.Equal(ActionReason.Idle, stop.Reason);
        Assert.Equal(T("2026-11-02T19:30:00Z"), stop.Time);
        Assert.Equal("i-1", stop.Instance);
        Assert.Equal("us-east-1", stop.Region);
        Assert.Null(stop.NextActiveAt);
    }

    [Fact]
    public async Task RunAsync_SweepsCountFromTraceStart_IdleStopAtFirstSweepAfterWindow()
    {
        // Sweeps at :03, :08, ...: the first one with a whole idle window behind it is 19:33, never before 19:30.
        var trace = new TraceText().Series("2026-11-02T18:03:00Z", "2026-11-02T21:00:00Z", "i-1", t => t < T("2026-11-02T19:00:00Z") ? "50" : "1", 1);

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        Assert.Equal(T("2026-11-02T19:33:00Z"), Assert.Single(result.Actions).Time);
    }

    [Fact]
    public async Task RunAsync_GuardStop_CostStopsAccruingUntilTraceEnd()
    {
        // 10 USD/h from 18:00; the trace ends at its latest time, 20:55; the guard stops the instance at 19:30.
        var trace = new TraceText().Series("2026-11-02T18:00:00Z", "2026-11-02T21:00:00Z", "i-1", t => t < T("2026-11-02T19:00:00Z") ? "50" : "1");

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        Assert.Equal(T("2026-11-02T18:00:00Z"), result.TraceStart);
        Assert.Equal(T("2026-11-02T20:55:00Z"), result.TraceEnd);
        Assert.Equal(36, result.Rows);
        Assert.Equal(1, result.Instances);
        Assert.Equal(10m * 35 / 12, result.SpendWithoutUsd);
        Assert.Equal(15m, result.SpendWithUsd);
    }

    [Fact]
    public async Task RunAsync_StoppedInstanceRelaunchedInTrace_StaysDownWithoutCostOrEvaluation()
    {
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", "i-1", _ => "1")
            .Row("2026-11-02T01:00:00Z", "i-1", "stopped", gpu: "")
            .Series("2026-11-02T02:00:00Z", "2026-11-02T03:00:00Z", "i-1", _ => "90");

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        var stop = Assert.Single(result.Actions);
        Assert.Equal(T("2026-11-02T00:30:00Z"), stop.Time);
        Assert.Equal(T("2026-11-02T02:00:00Z"), stop.NextActiveAt);
        Assert.Equal(5m, result.SpendWithUsd);
        Assert.Equal(10m + (10m * 55 / 60), result.SpendWithoutUsd);
    }

    [Fact]
    public async Task RunAsync_SameInstanceAndTimeTwice_LaterRowWins()
    {
        // The second 19:00 row (idle) replaces the first (busy): idle from 19:00, stopped at 19:30, not 19:35.
        var trace = new TraceText()
            .Series("2026-11-02T18:00:00Z", "2026-11-02T19:00:00Z", "i-1", _ => "50")
            .Row("2026-11-02T19:00:00Z", "i-1", gpu: "50")
            .Row("2026-11-02T19:00:00Z", "i-1", gpu: "1")
            .Series("2026-11-02T19:05:00Z", "2026-11-02T20:00:00Z", "i-1", _ => "1");

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        Assert.Equal(T("2026-11-02T19:30:00Z"), Assert.Single(result.Actions).Time);
        Assert.Equal(25, result.Rows);
    }

    [Fact]
    public async Task RunAsync_NonGpuInstance_NeverCountedNorTouched()
    {
        var trace = new TraceText().Series("2026-11-02T00:00:00Z", "2026-11-02T02:00:00Z", "i-cpu", _ => "1", type: "m5.large");

        var result = await Simulate.RunAsync(Simulate.Policy(), trace);

        Assert.Empty(result.Actions);
        Assert.Equal(0m, result.SpendWithoutUsd);
        Assert.Equal(1, result.Instances);
    }

    [Fact]
    public async Task RunAsync_PolicyListsAccounts_OnlyThoseAreActedOnButAllAreCounted()
    {
        var policy = Simulate.Policy() with { Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = "111122223333" }] };
        var trace = new TraceText()
            .Series("2026-11-02T00:00:00Z", "2026-11-02T02:00:00Z", "i-in", _ => "1")
            .Series("2026-11-02T00:00:00Z", "2026-11-02T02:00:00Z", "i-out", _ => "1", account: "444455556666");

        var result = await Simulate.RunAsync(policy, trace);

        Assert.Equal("i-in", Assert.Single(result.Actions).Instance);
        Assert.Equal(10m * 115 / 60 * 2, result.SpendWithoutUsd);
        Assert.Equal(5m + (10m * 115 / 60), result.SpendWithUsd);
        Assert.False(result.Accounts.Single(a => a.Account == "444455556666").InScope);
    }
}
