using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>
/// A fake clock for delivery tests. Attempt deadlines (the timers behind a <see cref="CancellationTokenSource"/>) move
/// only when a test advances the clock; backoff waits (plain one-shot delays) are recorded and then advanced over at
/// once, so a retry happens exactly when its wait has passed on this clock and no test sleeps.
/// </summary>
internal sealed class RetryClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<TimeSpan> _waits = [];

    /// <summary>The backoff waits asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_waits)
            {
                return [.. _waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (state is not CancellationTokenSource && period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_waits)
            {
                _waits.Add(dueTime);
            }

            // Off the caller's stack: the delay's task must exist before its timer fires.
            _ = Task.Run(() => Advance(dueTime));
        }

        return timer;
    }
}
