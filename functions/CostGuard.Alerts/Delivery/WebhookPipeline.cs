using System.Globalization;
using CostGuard.Alerts.Logging;
using CostGuard.Alerts.Routing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CostGuard.Alerts.Delivery;

/// <summary>
/// The webhooks' one resilience pipeline (Polly v8): a per-attempt timeout inside exponential backoff with jitter.
/// Retry-After is honoured through the delay generator; one longer than <see cref="AlertNotifierOptions.MaxRetryAfter"/>
/// is not waited for (the message goes pending for the next run), and backoff never waits more than
/// <see cref="AlertNotifierOptions.MaxDelay"/>. All waits run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class WebhookPipeline
{
    /// <summary>Which route the attempt belongs to, for the retry log line.</summary>
    public static readonly ResiliencePropertyKey<RouteDestination> Destination = new("costguard.alerts.destination");

    public static ResiliencePipeline<SendResult> Create(AlertNotifierOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<SendResult> { TimeProvider = time };
        var retries = Math.Max(1, options.MaxAttempts) - 1;
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SendResult>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                Randomizer = options.Randomizer ?? Random.Shared.NextDouble,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(Destination, out var destination))
                    {
                        Log.Retrying(logger, destination.Route, destination.Channel.Name(), Describe(args.Outcome, options), args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            });
        }

        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout }).Build();
    }

    /// <summary>The error text of an outcome, already redacted by the attempt.</summary>
    public static string Describe(Outcome<SendResult> outcome, AlertNotifierOptions options) => outcome.Exception is TimeoutRejectedException
        ? NoAnswer(options)
        : outcome.Result?.Error ?? outcome.Exception?.GetType().Name ?? "?";

    public static string NoAnswer(AlertNotifierOptions options) =>
        $"no answer within {options.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static bool ShouldRetry(Outcome<SendResult> outcome, AlertNotifierOptions options) => outcome switch
    {
        { Exception: TimeoutRejectedException } => true,

        // Waiting longer than the run allows would stall the sweep: the message goes pending instead.
        { Result: { RetryNow: true } result } => result.RetryAfter is not { } wait || wait <= options.MaxRetryAfter,
        _ => false,
    };
}
