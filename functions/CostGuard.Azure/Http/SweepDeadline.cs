namespace CostGuard.Azure.Http;

/// <summary>
/// The deadline of the subscription sweep running on this async flow. The retry pipelines and the action poller read
/// it so that no wait runs past it; it flows with the awaits of one read or apply call and nowhere else.
/// </summary>
internal static class SweepDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> Value = new();

    public static DateTimeOffset? Current
    {
        get => Value.Value;
        set => Value.Value = value;
    }

    /// <summary>True when waiting <paramref name="wait"/> from now would end past the deadline.</summary>
    public static bool WouldPass(TimeProvider time, TimeSpan wait) => Current is { } deadline && time.GetUtcNow() + wait > deadline;

    /// <summary>True when the deadline has passed.</summary>
    public static bool Passed(TimeProvider time) => Current is { } deadline && time.GetUtcNow() >= deadline;
}
