using CostGuard.Time;

namespace CostGuard.Status;

/// <summary>
/// Month to date as the status shows it now: the billed figure the last sweep got from the billing data (with its end
/// time), plus live burn since that end. The sweep's live part (each instance's price since the later of its launch and
/// the billing end, up to the sweep) is carried forward to now at the burn the sweep left running; the page never calls a
/// cloud, so between sweeps that is the best estimate there is.
/// </summary>
public static class StatusMonthToDate
{
    public static MonthToDateView At(AccountStatus figures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var burn = figures.BurnAfterSweepUsdPerHour ?? figures.BurnUsdPerHour;
        if (IsoTime.MonthKey(figures.SweptAt) != IsoTime.MonthKey(now))
        {
            // The sweep's figures are another month's; no billing data of this month is in yet.
            var monthStart = IsoTime.MonthStart(now);
            var live = Money(burn * Hours(monthStart, now));
            return new MonthToDateView { TotalUsd = live, LiveSinceUsd = live, LiveFrom = monthStart, LiveBurnUsdPerHour = burn };
        }

        // Capped at now: a sweep stamped after now (another instance's clock) adds nothing rather than a negative figure.
        var liveSince = Money(figures.LiveSinceUsd + (burn * Hours(figures.SweptAt, now)));
        var billed = figures.BilledUsd;
        return new MonthToDateView
        {
            TotalUsd = (billed ?? 0m) + liveSince,
            BilledUsd = billed,
            BilledThrough = billed is null ? null : figures.BilledThrough,
            LiveSinceUsd = liveSince,
            LiveFrom = billed is not null && figures.BilledThrough is { } through ? through : IsoTime.MonthStart(now),
            LiveBurnUsdPerHour = burn,
        };
    }

    private static decimal Hours(DateTimeOffset from, DateTimeOffset to) => to > from ? (decimal)(to - from).Ticks / TimeSpan.TicksPerHour : 0m;

    private static decimal Money(decimal usd) => decimal.Round(usd, 2);
}
