namespace CostGuard.Ports;

/// <summary>
/// A billing fetch of this key failed a moment ago (here or in another instance): the caller treats billing as a read gap
/// (or falls back to <see cref="LastAnswer"/>) instead of calling the billing API again.
/// </summary>
public sealed class BillingFetchFailedException : Exception
{
    public BillingFetchFailedException()
        : this("the billing fetch failed", DateTimeOffset.MinValue, null)
    {
    }

    public BillingFetchFailedException(string message)
        : this(message, DateTimeOffset.MinValue, null)
    {
    }

    public BillingFetchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public BillingFetchFailedException(string problem, DateTimeOffset failedAt, CachedBilling? lastAnswer)
        : base(problem)
    {
        Problem = problem;
        FailedAt = failedAt;
        LastAnswer = lastAnswer;
    }

    /// <summary>What the failed fetch reported (its exception's message).</summary>
    public string Problem { get; }

    /// <summary>When that fetch failed.</summary>
    public DateTimeOffset FailedAt { get; }

    /// <summary>The last answer in the cache, however old, or null.</summary>
    public CachedBilling? LastAnswer { get; }
}
