using Polly;
using Polly.Retry;

namespace CostGuard.Aws.Http;

/// <summary>
/// The thin clients' retry, one Polly pipeline per service (CloudWatch, Cost Explorer), as the SDKs' "standard" mode
/// does it: exponential back-off with jitter (base 1 s, cap 20 s) on throttling codes, 5xx and connection failures.
/// Waits run on the injected <see cref="TimeProvider"/>; AWS sends no Retry-After for these APIs.
/// </summary>
internal static class AwsRetry
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    public static bool IsRetryable(AwsApiException error) =>
        ThrottlingCodes.Contains(error.Code) || (error.Status is { } status && (int)status >= 500);

    /// <param name="maxAttempts">Attempts in all (the SDKs' standard mode makes 3).</param>
    public static ResiliencePipeline Build(string service, int maxAttempts, TimeProvider time) =>
        maxAttempts <= 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { Name = "aws-" + service, TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = maxAttempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    MaxDelay = TimeSpan.FromSeconds(20),

                    // Connection resets are transient for the SDKs too.
                    ShouldHandle = new PredicateBuilder().Handle<AwsApiException>(IsRetryable).Handle<HttpRequestException>(),
                })
                .Build();
}
