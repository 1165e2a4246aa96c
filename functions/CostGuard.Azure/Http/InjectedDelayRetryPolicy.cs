using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostGuard.Azure.Http;

/// <summary>
/// Retries 408/429/5xx and transport errors like Azure.Core's retry policy (exponential back-off, Retry-After,
/// retry-after-ms and x-ms-retry-after-ms honoured), but waits through an injected delay so tests never sleep.
/// Optionally leaves 429 to the caller: Cost Management's QPU headers are not understood here.
/// Installed per call with Azure.Core's own retries set to zero.
/// </summary>
internal sealed class InjectedDelayRetryPolicy(int maxRetries, AsyncDelay delay, bool retryThrottling = true) : HttpPipelinePolicy
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(0.8);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    /// <summary>Every wait this policy asked for, for tests and diagnostics.</summary>
    public List<TimeSpan> Waits { get; } = [];

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        for (var attempt = 0; ; attempt++)
        {
            Exception? failure = null;
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException or HttpRequestException && !message.CancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }

            if (attempt >= maxRetries || !ShouldRetry(message, failure))
            {
                if (failure is not null)
                {
                    throw failure;
                }

                return;
            }

            var wait = NextDelay(message, attempt);
            lock (Waits)
            {
                Waits.Add(wait);
            }

            await delay(wait, message.CancellationToken).ConfigureAwait(false);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    private bool ShouldRetry(HttpMessage message, Exception? failure)
    {
        if (failure is not null)
        {
            return true;
        }

        var status = message.Response.Status;
        return status is 408 or 500 or 502 or 503 or 504 or 529 || (status == 429 && retryThrottling);
    }

    private static TimeSpan NextDelay(HttpMessage message, int attempt)
    {
        var server = message.HasResponse ? ServerDelay(message.Response) : null;
        var exponential = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (1L << Math.Min(attempt, 16))));
        return server is { } asked && asked > exponential ? asked : exponential;
    }

    private static TimeSpan? ServerDelay(Response response)
    {
        if ((Header(response, "retry-after-ms") ?? Header(response, "x-ms-retry-after-ms")) is { } ms)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (response.Headers.TryGetValue("Retry-After", out var text))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) && response.Headers.Date is { } now)
            {
                return when > now ? when - now : TimeSpan.Zero;
            }
        }

        return null;
    }

    private static double? Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
