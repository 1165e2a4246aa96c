using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Polly;
using Polly.Retry;

namespace CostGuard.Azure.Http;

/// <summary>
/// The retry step of one Azure dependency's pipeline (ARM, metrics, Log Analytics, Cost Management), in place of
/// Azure.Core's own: a Polly retry with exponential back-off and jitter on 408/429/5xx/529 and transport errors. A
/// server's wait (Retry-After, retry-after-ms, Cost Management's QPU headers) is honoured through the delay generator
/// but capped: a reply asking for more than <c>maxServerWait</c>, or for a wait ending past the sweep deadline, is not
/// retried and says why. Waits run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ResilientRetryPolicy : HttpPipelinePolicy
{
    private static readonly ResiliencePropertyKey<HttpMessage> MessageKey = new("costguard.azure.message");
    private readonly ResiliencePipeline<Response> _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxServerWait;

    public ResilientRetryPolicy(string dependency, int maxRetries, TimeSpan maxServerWait, TimeProvider time)
    {
        _time = time;
        _maxServerWait = maxServerWait;
        _pipeline = maxRetries < 1
            ? ResiliencePipeline<Response>.Empty
            : new ResiliencePipelineBuilder<Response> { Name = dependency, TimeProvider = time }
                .AddRetry(new RetryStrategyOptions<Response>
                {
                    MaxRetryAttempts = maxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(0.8),
                    MaxDelay = maxServerWait > TimeSpan.FromMinutes(1) ? maxServerWait : TimeSpan.FromMinutes(1),
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                    DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response && ServerDelay.Of(response) is { } asked && asked > TimeSpan.Zero ? asked : (TimeSpan?)null),
                })
                .Build();
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var context = ResilienceContextPool.Shared.Get(message.CancellationToken);
        context.Properties.Set(MessageKey, message);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (_, state) =>
                {
                    try
                    {
                        await ProcessNextAsync(state.Message, state.Next).ConfigureAwait(false);
                        return Outcome.FromResult(state.Message.Response);
                    }
                    catch (Exception ex) when (IsTransient(ex) && !state.Message.CancellationToken.IsCancellationRequested)
                    {
                        return Outcome.FromException<Response>(ex);
                    }
                },
                context,
                (Message: message, Next: pipeline)).ConfigureAwait(false);
            outcome.ThrowIfException();
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    private static bool IsTransient(Exception ex) => ex is RequestFailedException or IOException or HttpRequestException;

    private bool ShouldRetry(Outcome<Response> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var message = context.Properties.GetValue(MessageKey, null!);
        TimeSpan? asked = null;
        if (outcome.Exception is null)
        {
            var response = outcome.Result!;
            if (response.Status is not (408 or 429 or 500 or 502 or 503 or 504 or 529))
            {
                return false;
            }

            asked = ServerDelay.Of(response);
            if (asked > _maxServerWait)
            {
                RetryNote.Set(message, string.Create(CultureInfo.InvariantCulture,
                    $"not retried: the server asked to wait {asked.Value.TotalSeconds:0.#} s, more than the {_maxServerWait.TotalSeconds:0.#} s cap"));
                return false;
            }
        }
        else if (!IsTransient(outcome.Exception))
        {
            return false;
        }

        if (SweepDeadline.WouldPass(_time, asked ?? TimeSpan.Zero))
        {
            RetryNote.Set(message, "not retried: the wait would end past the sweep deadline");
            return false;
        }

        return true;
    }
}
