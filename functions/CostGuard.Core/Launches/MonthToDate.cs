using CostGuard.Ports;
using CostGuard.Time;

namespace CostGuard.Launches;

/// <summary>
/// Month-to-date GPU spend at launch time: the figure the last inventory sync recorded (billed + live estimate
/// up to then) plus the ledger's burn since. A new month starts from the burn since the month began.
/// </summary>
public static class MonthToDate
{
    public static decimal Estimate(BurnLedgerState ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var burn = ledger.BurnUsdPerHour;
        if (ledger.MonthToDateAsOf is not { } asOf)
        {
            return ledger.MonthToDateUsd;
        }

        if (IsoTime.MonthKey(asOf) != IsoTime.MonthKey(now))
        {
            return burn * Hours(now - IsoTime.MonthStart(now));
        }

        return ledger.MonthToDateUsd + (now > asOf ? burn * Hours(now - asOf) : 0m);
    }

    private static decimal Hours(TimeSpan span) => (decimal)span.Ticks / TimeSpan.TicksPerHour;
}
