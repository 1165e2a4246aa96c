namespace CostGuard.Azure.Monitoring;

/// <summary>The bins a sweep samples: aligned to the interval, from the one holding (now - idle window) up to now.</summary>
internal sealed record MetricWindow(DateTimeOffset Start, DateTimeOffset End, TimeSpan Interval)
{
    public static MetricWindow For(DateTimeOffset now, TimeSpan idleWindow, TimeSpan interval)
    {
        var start = Floor(now - idleWindow, interval);
        return new MetricWindow(start, now, interval);
    }

    public IEnumerable<DateTimeOffset> Bins()
    {
        for (var t = Start; t < End; t += Interval)
        {
            yield return t;
        }
    }

    public DateTimeOffset BinOf(DateTimeOffset time) => Floor(time, Interval);

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan interval)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % interval.Ticks), TimeSpan.Zero);
    }
}
