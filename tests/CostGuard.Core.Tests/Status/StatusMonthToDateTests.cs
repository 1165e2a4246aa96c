namespace CostGuard.Status;

public sealed class StatusMonthToDateTests
{
    private static readonly DateTimeOffset BilledThrough = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At0930 = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(6, 0, 0)] // swept right at the billing end: nothing live yet
    [InlineData(9, 0, 120)] // swept at 09:00: 3 h x $40 live
    public void At_Billed1200Through0600Burn40Now0930_Live140Total1340(int hour, int minute, int liveAtSweep)
    {
        var figures = Figures(new DateTimeOffset(2026, 11, 26, hour, minute, 0, TimeSpan.Zero), billed: 1200m, liveAtSweep, burn: 40m);

        var mtd = StatusMonthToDate.At(figures, At0930);

        Assert.Equal(1200m, mtd.BilledUsd);
        Assert.Equal(BilledThrough, mtd.BilledThrough);
        Assert.Equal(140m, mtd.LiveSinceUsd);
        Assert.Equal(1340m, mtd.TotalUsd);
        Assert.Equal(BilledThrough, mtd.LiveFrom);
        Assert.True(mtd.BillingKnown);
    }

    [Fact]
    public void At_InstanceLaunchedAfterTheBillingEnd_KeepsTheSweepsLaunchAwareLivePart()
    {
        // One $40/h instance launched at 08:00: the sweep at 09:00 counted 1 h, not the 3 h since the billing end.
        var figures = Figures(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), billed: 1200m, liveAtSweep: 40m, burn: 40m);

        var mtd = StatusMonthToDate.At(figures, At0930);

        Assert.Equal(60m, mtd.LiveSinceUsd);
        Assert.Equal(1260m, mtd.TotalUsd);
    }

    [Fact]
    public void At_SweepStoppedTheBurn_LivePartStaysAtTheSweepsFigure()
    {
        var figures = Figures(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), billed: 1200m, liveAtSweep: 120m, burn: 40m) with { BurnAfterSweepUsdPerHour = 0m };

        var mtd = StatusMonthToDate.At(figures, At0930);

        Assert.Equal(120m, mtd.LiveSinceUsd);
        Assert.Equal(1320m, mtd.TotalUsd);
        Assert.Equal(0m, mtd.LiveBurnUsdPerHour);
    }

    [Fact]
    public void At_FiguresSavedBeforeBurnAfterWasRecorded_CarriesTheSeenBurnForward()
    {
        var figures = Figures(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), billed: 1200m, liveAtSweep: 120m, burn: 40m) with { BurnAfterSweepUsdPerHour = null };

        Assert.Equal(140m, StatusMonthToDate.At(figures, At0930).LiveSinceUsd);
    }

    [Fact]
    public void At_NoBillingData_BilledUnknownAndTotalIsTheLiveEstimateSinceTheMonthStart()
    {
        var figures = Figures(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), billed: null, liveAtSweep: 500m, burn: 40m) with { BilledThrough = null };

        var mtd = StatusMonthToDate.At(figures, At0930);

        Assert.Null(mtd.BilledUsd);
        Assert.Null(mtd.BilledThrough);
        Assert.False(mtd.BillingKnown);
        Assert.Equal(520m, mtd.LiveSinceUsd);
        Assert.Equal(520m, mtd.TotalUsd);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), mtd.LiveFrom);
    }

    [Fact]
    public void At_MonthRolledOverSinceTheSweep_LastMonthsBillingDoesNotCountAndLiveStartsAtTheMonthStart()
    {
        var figures = Figures(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), billed: 1200m, liveAtSweep: 300m, burn: 40m);

        var mtd = StatusMonthToDate.At(figures, new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));

        Assert.Null(mtd.BilledUsd);
        Assert.Equal(100m, mtd.LiveSinceUsd);
        Assert.Equal(100m, mtd.TotalUsd);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), mtd.LiveFrom);
    }

    [Fact]
    public void At_SweepStampedAfterNow_AddsNothingForTheFuture()
    {
        var figures = Figures(new DateTimeOffset(2026, 11, 26, 9, 45, 0, TimeSpan.Zero), billed: 1200m, liveAtSweep: 150m, burn: 40m);

        var mtd = StatusMonthToDate.At(figures, At0930);

        Assert.Equal(150m, mtd.LiveSinceUsd);
        Assert.Equal(1350m, mtd.TotalUsd);
    }

    [Fact]
    public void At_FractionalHours_RoundsToCents()
    {
        // 2 x g5.xlarge ($2.012/h) for 7 min after a sweep that counted $4.02.
        var figures = Figures(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), billed: 1200m, liveAtSweep: 4.02m, burn: 2.012m);

        var mtd = StatusMonthToDate.At(figures, new DateTimeOffset(2026, 11, 26, 9, 7, 0, TimeSpan.Zero));

        Assert.Equal(4.25m, mtd.LiveSinceUsd); // 4.02 + 2.012 x 7/60 = 4.2547
        Assert.Equal(1204.25m, mtd.TotalUsd);
    }

    internal static AccountStatus Figures(DateTimeOffset sweptAt, decimal? billed, decimal liveAtSweep, decimal burn) => new()
    {
        Policy = "gpu-guard",
        Cloud = "aws",
        Account = "111122223333",
        SweptAt = sweptAt,
        SweepId = "gpu-guard@" + sweptAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        BurnUsdPerHour = burn,
        BurnAfterSweepUsdPerHour = burn,
        MonthlyUsd = 5000m,
        MonthToDateUsd = (billed ?? 0m) + liveAtSweep,
        BilledUsd = billed,
        BilledThrough = BilledThrough,
        LiveSinceUsd = liveAtSweep,
    };
}
