namespace CostGuard.Storage.Launches;

/// <summary>
/// How a Table Storage ledger update waits after losing an ETag race: exponential backoff with full jitter (a uniform
/// pause between zero and min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> x 2^conflicts)), so instances that
/// collided do not collide again in lock step, and at most <see cref="MaxAttempts"/> attempts before giving up with
/// <see cref="Ports.LedgerContentionException"/> (the event is then retried by the queue).
/// </summary>
public sealed record LedgerBackoff
{
    /// <summary>
    /// With the per-instance gate only other Functions instances race, so a loss means one of a few rivals committed;
    /// 25 attempts (about 15 s of pauses at most) make running out a sign of real trouble, not of a burst.
    /// </summary>
    public int MaxAttempts { get; init; } = 25;

    /// <summary>About one storage round trip: the time a rival needs to commit.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The clock the pauses run on. A wall-clock pause between storage calls, not business time, so the Functions app
    /// keeps the system clock here even when a test fakes the clock the launches are judged by.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A uniform sample in [0, 1); injected so tests can pin the pauses.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>The pause after the <paramref name="conflicts"/>-th lost race (1 for the first).</summary>
    public TimeSpan DelayAfter(int conflicts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(conflicts, 1);
        var ceiling = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(conflicts - 1, 30));
        return TimeSpan.FromMilliseconds(Jitter() * Math.Min(MaxDelay.TotalMilliseconds, ceiling));
    }
}
