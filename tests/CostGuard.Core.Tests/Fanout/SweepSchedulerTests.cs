namespace CostGuard.Fanout;

public sealed class SweepSchedulerTests
{
    private readonly FanoutHarness _h = new();

    [Fact]
    public async Task TickAsync_PolicyDue_EnqueuesOneMessagePerAccountNamingSweepVersionCloudAndAccount()
    {
        var json = FanoutHarness.PolicyJson();

        var sent = await _h.UploadAndTickAsync(json);

        Assert.Equal([FanoutHarness.A, FanoutHarness.B], sent.Select(m => m.Account));
        Assert.All(sent, m => Assert.Equal(("fanout-test@2026-11-26T12:00:00Z", "fanout-test", PolicyHash.Of(json), "aws"), (m.SweepId, m.Policy, m.PolicyHash, m.Cloud)));
        Assert.Equal(sent, _h.Queue.Sent.Select(s => s.Message));
        Assert.All(_h.Queue.Sent, s => Assert.Equal(TimeSpan.Zero, s.Delay));
    }

    [Fact]
    public async Task TickAsync_TwiceInTheSlotAndOnASecondInstance_EnqueuesEachAccountOnce()
    {
        await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());

        var again = await _h.Scheduler().TickAsync(CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        var later = await _h.Scheduler().TickAsync(CancellationToken.None);

        Assert.Empty(again.Enqueued);
        Assert.Empty(later.Enqueued);
        Assert.Equal(2, _h.Queue.Sent.Count);
    }

    [Fact]
    public async Task TickAsync_NextIntervalSlotIsDue_EnqueuesTheNextSweep()
    {
        await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());
        _h.Time.Advance(TimeSpan.FromMinutes(3));

        var next = await _h.Scheduler().TickAsync(CancellationToken.None);

        Assert.Equal(2, next.Enqueued.Count);
        Assert.All(next.Enqueued, m => Assert.Equal("fanout-test@2026-11-26T12:05:00Z", m.SweepId));
    }

    [Fact]
    public async Task TickAsync_LongerIntervalNotYetDue_EnqueuesNothingUntilItsSlot()
    {
        await _h.UploadAndTickAsync(FanoutHarness.PolicyJson(extra: ",\n  \"sweepInterval\": \"PT1H\""));
        _h.Time.Advance(TimeSpan.FromMinutes(30));

        var notDue = await _h.Scheduler().TickAsync(CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromMinutes(30));
        var due = await _h.Scheduler().TickAsync(CancellationToken.None);

        Assert.Empty(notDue.Enqueued);
        Assert.All(due.Enqueued, m => Assert.Equal("fanout-test@2026-11-26T13:00:00Z", m.SweepId));
        Assert.Equal(2, due.Enqueued.Count);
    }

    [Fact]
    public async Task TickAsync_ClaimOfATickThatDied_IsLeftAloneThenTakenOverWhenStale()
    {
        var sweepId = "fanout-test@2026-11-26T12:00:00Z";
        _h.Ledger.ClaimWithoutEnqueueing(sweepId, "aws", FanoutHarness.A, FanoutHarness.Now);

        var first = await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());
        _h.Time.Advance(SweepScheduler.ClaimTakeoverAfter + TimeSpan.FromSeconds(1));
        var second = await _h.Scheduler().TickAsync(CancellationToken.None);

        Assert.Equal([FanoutHarness.B], first.Select(m => m.Account));
        Assert.Equal([FanoutHarness.A], second.Enqueued.Select(m => m.Account));
        Assert.All(second.Enqueued, m => Assert.Equal(sweepId, m.SweepId));
    }
}
