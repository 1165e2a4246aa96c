using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Aws.Support;

/// <summary>
/// A fake clock whose timers never need a test to advance it: every wait (a retry back-off, a Retry-After, a poll
/// interval) is recorded, then the fake clock jumps to the wait's end, so the wait completes at once and the clock
/// reads what it would have read after really waiting. Parallel waits share time: the clock only moves forward.
/// </summary>
internal sealed class WaitSkippingTime(FakeTimeProvider fake) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];

    /// <summary>Every wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            DateTimeOffset target;
            lock (_gate)
            {
                _waits.Add(dueTime);
                target = fake.GetUtcNow() + dueTime;
            }

            // Not inside CreateTimer: the caller has not stored its timer yet when the callback would run.
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    lock (_gate)
                    {
                        if (fake.GetUtcNow() < target)
                        {
                            fake.SetUtcNow(target);
                        }
                    }
                },
                null);
        }

        return timer;
    }
}
