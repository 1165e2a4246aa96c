namespace CostGuard.Aws.Http;

/// <summary>
/// The SDKs' "standard" retry mode for the thin clients: 3 attempts, full-jitter exponential backoff
/// (base 1 s, cap 20 s) on throttling codes and 5xx. The delay is injected so tests never sleep.
/// </summary>
internal sealed class AwsRetry(Func<TimeSpan, CancellationToken, Task> delay, int maxAttempts = 3)
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    public int MaxAttempts => maxAttempts;

    public static bool IsRetryable(AwsApiException error) =>
        ThrottlingCodes.Contains(error.Code) || (error.Status is { } status && (int)status >= 500);

    public Task WaitAsync(int attempt, CancellationToken cancellationToken)
    {
        var cap = Math.Min(20.0, Math.Pow(2, attempt));
        return delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * cap), cancellationToken);
    }
}
