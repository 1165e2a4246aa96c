using System.Globalization;
using System.Text;
using CostGuard.Alerts.Logging;
using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Routing;
using Microsoft.Extensions.Logging;
using Polly;

namespace CostGuard.Alerts.Delivery;

/// <summary>
/// Posts one JSON payload to one route's webhook through <see cref="WebhookPipeline"/>: 429 (honouring Retry-After),
/// 408, 5xx, network errors and silent receivers are retried with jittered exponential backoff. The only place that
/// sees the URL: it is resolved here from its setting and never leaves.
/// </summary>
internal sealed class WebhookSender
{
    private const int MaxErrorBody = 200;

    private readonly HttpClient _http;
    private readonly IWebhookSettingResolver _settings;
    private readonly TimeProvider _time;
    private readonly AlertNotifierOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<SendResult> _pipeline;

    public WebhookSender(HttpClient http, IWebhookSettingResolver settings, TimeProvider time, AlertNotifierOptions options, ILogger logger)
    {
        _http = http;
        _settings = settings;
        _time = time;
        _options = options;
        _logger = logger;
        _pipeline = WebhookPipeline.Create(options, time, logger);
    }

    public async Task<SendResult> SendAsync(RouteDestination destination, string payloadJson, CancellationToken cancellationToken)
    {
        var channel = destination.Channel.Name();
        var raw = _settings.Resolve(destination.Setting);
        if (raw is null)
        {
            Log.SettingMissing(_logger, destination.Route, channel, destination.Setting);
            return SendResult.NotSent($"setting {destination.Setting} is not set");
        }

        var redactor = new SecretRedactor(raw);
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            Log.SettingInvalid(_logger, destination.Route, channel, destination.Setting);
            return SendResult.NotSent($"setting {destination.Setting} does not hold an absolute http(s) URL");
        }

        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WebhookPipeline.Destination, destination);
        Outcome<SendResult> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    attempts++;
                    return Outcome.FromResult(await AttemptAsync(state.url, state.payloadJson, attempts, state.redactor, ctx.CancellationToken).ConfigureAwait(false));
                },
                context,
                (url, payloadJson, redactor)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is OperationCanceledException)
        {
            outcome.ThrowIfException();
        }

        var last = outcome.Result ?? new SendResult(false, attempts, null, redactor.Redact(WebhookPipeline.Describe(outcome, _options)), RetryNow: true, PayloadRejected: false);
        if (last.Succeeded)
        {
            return last;
        }

        if (last.RetryAfter is { } wait && wait > _options.MaxRetryAfter)
        {
            last = last with { Error = $"{last.Error} (Retry-After {wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s is longer than this run waits)" };
        }

        Log.DeliveryFailed(_logger, destination.Route, channel, last.Attempts, last.Error ?? "?");
        return last;
    }

    private async Task<SendResult> AttemptAsync(Uri url, string payloadJson, int attempt, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(payloadJson, Encoding.UTF8, "application/json"),
            };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Success(attempt, status);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = redactor.Redact($"HTTP {status} {TextLimits.Truncate(body.Trim(), MaxErrorBody)}".Trim());
            if (FailureClassifier.IsTransient(response.StatusCode))
            {
                return new SendResult(false, attempt, status, error, RetryNow: true, PayloadRejected: false) { RetryAfter = RetryAfter.Read(response, _time.GetUtcNow()) };
            }

            // 4xx: another attempt now cannot help; whether the next run should try again depends on the code.
            var code = body.Trim();
            return new SendResult(false, attempt, status, error, RetryNow: false, PayloadRejected: FailureClassifier.IsPayloadError(response.StatusCode))
            {
                ReceiverCode = code.Length is > 0 and <= 64 && !code.Contains(' ', StringComparison.Ordinal) ? redactor.Redact(code) : null,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The attempt's timeout (the pipeline turns it into a retry) or the caller's cancellation.
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // HttpRequestException messages can quote the request URL: redact before the text goes anywhere.
            var kind = ex is TaskCanceledException ? "timed out" : "network error";
            return new SendResult(false, attempt, null, redactor.Redact($"{kind}: {ex.Message}"), RetryNow: true, PayloadRejected: false);
        }
    }
}
