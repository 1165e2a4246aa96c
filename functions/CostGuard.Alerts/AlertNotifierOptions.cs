namespace CostGuard.Alerts;

/// <summary>Retry and digest settings of the notifier; the defaults suit a five-minute sweep.</summary>
public sealed record AlertNotifierOptions
{
    /// <summary>Attempts per message within one run (first try included) on 429, 5xx and network errors.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>How long one attempt may wait for an answer before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Median first backoff delay; exponential with jitter on each further attempt, never more than <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on each backoff wait (a Retry-After is capped by <see cref="MaxRetryAfter"/> instead).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A Retry-After longer than this is not waited for inside the sweep: the message becomes a pending
    /// delivery for the next run instead, so one throttled webhook cannot stall enforcement.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Items shown in a digest; the rest are counted ("and 12 more").</summary>
    public int DigestTopItems { get; init; } = 10;

    /// <summary>A pending delivery older than this is dropped (and logged) instead of retried again.</summary>
    public TimeSpan PendingMaxAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The jitter's random source (0 to 1); tests pin it, production uses <see cref="Random.Shared"/>.</summary>
    internal Func<double>? Randomizer { get; init; }
}
