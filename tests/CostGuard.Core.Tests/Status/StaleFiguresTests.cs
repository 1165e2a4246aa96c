using CostGuard.Fanout;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Options;

namespace CostGuard.Status;

/// <summary>The status after an account sweep whose inventory read failed: the last good figures, their age and the failure.</summary>
public sealed class StaleFiguresTests
{
    private const string Failure = "us-east-1: EC2 DescribeInstances failed: HTTP 500 InternalError";
    private static readonly DateTimeOffset BilledThrough = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    private readonly FanoutHarness _h = new();

    [Fact]
    public async Task BuildAsync_InventoryReadFailsAfterAGoodSweep_KeepsTheGoodFiguresAsOfThatSweepAndShowsTheFailure()
    {
        var message = (await _h.UploadAndTickAsync(FanoutHarness.PolicyJson())).Single(m => m.Account == FanoutHarness.A);

        // 12:02, good: two g5.xlarge at $1.006/h; the idle one is stopped, so $1.006/h runs on. $250 billed through 00:00 + $50 live.
        var good = _h.Aws.Reads[FanoutHarness.A];
        _h.Aws.Reads[FanoutHarness.A] = account => WithSpend(good(account));
        Assert.Equal(AccountSweepOutcome.Succeeded, await _h.AccountSweeps().RunAsync(message, "inv-1", CancellationToken.None));

        // 12:17: every region of the inventory fails; the adapter answers an empty, incomplete snapshot.
        _h.Time.Advance(TimeSpan.FromMinutes(15));
        _h.Aws.Reads[FanoutHarness.A] = account => FanoutHarness.Read(account) with
        {
            Complete = false,
            Problems = [Failure],
            Gaps = [ReadGap.Whole(ReadPart.Inventory, Failure)],
        };
        var failing = message with { SweepId = "fanout-test@2026-11-26T12:17:00Z" };
        Assert.Equal(AccountSweepOutcome.Failed, await _h.AccountSweeps().RunAsync(failing, "inv-2", CancellationToken.None));

        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var view = await ViewAsync(FanoutHarness.A);

        var f = view.Figures!;
        Assert.Equal((2.012m, 1.006m, 2), (f.BurnUsdPerHour, f.BurnAfterSweepUsdPerHour, f.GpuInstances));
        Assert.Equal((FanoutHarness.Now, message.SweepId), (f.SweptAt, f.SweepId));
        Assert.Equal(FanoutHarness.Now.AddMinutes(15), f.ReadFailedAt);
        Assert.Equal(Failure, f.ReadError);
        Assert.True(view.FiguresStale);
        Assert.True(view.Stale);
        Assert.Equal((1, FanoutHarness.Now), (view.Health!.FailuresInARow, view.Health.LastSuccessAt));

        // Month to date from the kept figures: $250 billed + $50 live at 12:02 + 20 min at $1.006/h ($0.34) = $300.34.
        var mtd = view.MonthToDate!;
        Assert.Equal((250m, BilledThrough, 50.34m, 300.34m), (mtd.BilledUsd, mtd.BilledThrough, mtd.LiveSinceUsd, mtd.TotalUsd));
    }

    [Fact]
    public async Task BuildAsync_GoodSweepAfterAFailedOne_FiguresRefreshedAndNotStale()
    {
        var message = (await _h.UploadAndTickAsync(FanoutHarness.PolicyJson())).Single(m => m.Account == FanoutHarness.A);
        var good = _h.Aws.Reads[FanoutHarness.A];
        await _h.AccountSweeps().RunAsync(message, "inv-1", CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromMinutes(15));
        _h.Aws.Reads[FanoutHarness.A] = account => FanoutHarness.Read(account) with { Complete = false, Gaps = [ReadGap.Whole(ReadPart.Inventory, Failure)] };
        await _h.AccountSweeps().RunAsync(message with { SweepId = "s-2" }, "inv-2", CancellationToken.None);

        // 12:32: the inventory answers again (both instances still listed; the idle one was stopped at 12:02, so only one runs).
        _h.Time.Advance(TimeSpan.FromMinutes(15));
        _h.Aws.Reads[FanoutHarness.A] = account => good(account) with
        {
            Snapshot = good(account).Snapshot! with { Instances = [.. good(account).Snapshot!.Instances.Where(i => i.Id == "i-a-busy")] },
        };
        Assert.Equal(AccountSweepOutcome.Succeeded, await _h.AccountSweeps().RunAsync(message with { SweepId = "s-3" }, "inv-3", CancellationToken.None));
        var view = await ViewAsync(FanoutHarness.A);

        Assert.Equal((1.006m, FanoutHarness.Now.AddMinutes(30), "s-3"), (view.Figures!.BurnUsdPerHour, view.Figures.SweptAt, view.Figures.SweepId));
        Assert.Null(view.Figures.ReadFailedAt);
        Assert.Null(view.Figures.ReadError);
        Assert.False(view.FiguresStale);
        Assert.False(view.Stale);
    }

    [Fact]
    public async Task BuildAsync_FirstSweepsInventoryReadFails_NoFiguresButTheFailure()
    {
        var message = (await _h.UploadAndTickAsync(FanoutHarness.PolicyJson())).Single(m => m.Account == FanoutHarness.A);
        _h.Aws.Reads[FanoutHarness.A] = account => FanoutHarness.Read(account) with { Complete = false, Problems = [Failure] };

        await _h.AccountSweeps().RunAsync(message, "inv-1", CancellationToken.None);
        var view = await ViewAsync(FanoutHarness.A);

        // Never a $0 figure for an account the guard could not see.
        Assert.Null(view.Figures);
        Assert.Null(view.MonthToDate);
        Assert.True(view.Stale);
        Assert.Contains("InternalError", view.Health!.LastError, StringComparison.Ordinal);
    }

    private static AccountReadResult WithSpend(AccountReadResult read) => read with
    {
        Snapshot = read.Snapshot! with { MonthToDateUsd = 300m, BilledUsd = 250m, SpendAsOf = BilledThrough },
    };

    private async Task<AccountView> ViewAsync(string account)
    {
        var service = new StatusService(_h.Catalog(), _h.Status, _h.Health, _h.State, _h.Time, Options.Create(_h.Options));
        var report = await service.BuildAsync(CancellationToken.None);
        return Assert.Single(report.Policies).Accounts.Single(a => a.Account == account);
    }
}
