using System.Globalization;

namespace CostGuard.Ports;

/// <summary>
/// A sweep's id is the policy name and the sweep's due time in ISO UTC (<c>gpu-guard@2026-12-06T10:05:00Z</c>):
/// the scheduler's idempotency key, and the part of every action id that makes a rerun of the same sweep recognise
/// its own intents. The due time is the start of the <c>sweepInterval</c> slot that contains "now", so a CLI
/// restarted within the same interval reruns the same sweep.
/// </summary>
public static class SweepIds
{
    public static DateTimeOffset DueTime(DateTimeOffset now, TimeSpan sweepInterval)
    {
        var ticks = Math.Max(1, sweepInterval.Ticks);
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % ticks), TimeSpan.Zero);
    }

    public static string For(string policy, DateTimeOffset dueTime) =>
        policy + "@" + dueTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
