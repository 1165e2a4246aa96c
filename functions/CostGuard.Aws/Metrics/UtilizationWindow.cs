namespace CostGuard.Aws.Metrics;

/// <summary>The periods a sweep asks CloudWatch for: whole periods covering the idle window, ending at the last complete one.</summary>
internal sealed record UtilizationWindow(DateTimeOffset Start, DateTimeOffset End, int PeriodSeconds)
{
    public static UtilizationWindow For(DateTimeOffset now, TimeSpan idleWindow)
    {
        // 5-minute periods match basic EC2 monitoring; short windows need 1-minute periods to have samples at all.
        var period = idleWindow >= TimeSpan.FromMinutes(15) ? 300 : 60;
        var end = AlignDown(now, period);
        var start = AlignDown(now - idleWindow, period);
        if (end <= start)
        {
            end = start.AddSeconds(period);
        }

        return new UtilizationWindow(start, end, period);
    }

    public IEnumerable<DateTimeOffset> Periods()
    {
        for (var t = Start; t < End; t = t.AddSeconds(PeriodSeconds))
        {
            yield return t;
        }
    }

    private static DateTimeOffset AlignDown(DateTimeOffset time, int periodSeconds)
    {
        var seconds = time.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds - (seconds % periodSeconds));
    }
}
