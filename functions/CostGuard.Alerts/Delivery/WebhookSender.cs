using System.Globalization;
using System.Text;
using CostGuard.Alerts.Logging;
using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Routing;
using Microsoft.Extensions.Logging;

namespace CostGuard.Alerts.Delivery;

/// <summary>
/// Posts one JSON payload to one route's webhook, retrying 429 (honouring Retry-After), 408, 5xx and network errors
/// with exponential backoff. The only place that sees the URL: it is resolved here from its setting and never leaves.
/// </summary>
internal sealed class WebhookSender(
    HttpClient http,
    IWebhookSettingResolver settings,
    IRetryDelay delay,
    TimeProvider time,
    AlertNotifierOptions options,
    ILogger logger)
{
    private const int MaxErrorBody = 200;

    public async Task<SendResult> SendAsync(RouteDestination destination, string payloadJson, CancellationToken cancellationToken)
    {
        var channel = destination.Channel.Name();
        var raw = settings.Resolve(destination.Setting);
        if (raw is null)
        {
            Log.SettingMissing(logger, destination.Route, channel, destination.Setting);
            return SendResult.NotSent($"setting {destination.Setting} is not set");
        }

        var redactor = new SecretRedactor(raw);
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            Log.SettingInvalid(logger, destination.Route, channel, destination.Setting);
            return SendResult.NotSent($"setting {destination.Setting} does not hold an absolute http(s) URL");
        }

        var attempts = Math.Max(1, options.MaxAttempts);
        var last = SendResult.NotSent("not attempted");
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var (result, retryAfter) = await AttemptAsync(url, payloadJson, attempt, redactor, cancellationToken).ConfigureAwait(false);
            last = result;
            if (result.Succeeded || !result.RetryNow || attempt == attempts)
            {
                break;
            }

            var wait = retryAfter ?? Backoff(attempt);
            if (wait > options.MaxRetryAfter)
            {
                // Waiting this long would stall the sweep; the message goes pending for the next run instead.
                last = result with { Error = $"{result.Error} (Retry-After {wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s is longer than this run waits)" };
                break;
            }

            Log.Retrying(logger, destination.Route, channel, result.Error ?? "?", attempt, (long)wait.TotalMilliseconds);
            await delay.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }

        if (last.Succeeded)
        {
            return last;
        }

        Log.DeliveryFailed(logger, destination.Route, channel, last.Attempts, last.Error ?? "?");
        return last;
    }

    private async Task<(SendResult Result, TimeSpan? RetryAfter)> AttemptAsync(
        Uri url, string payloadJson, int attempt, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        // A hung webhook must not hold the sweep: each attempt gets its own deadline on the injected clock.
        using var deadline = new CancellationTokenSource(options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(payloadJson, Encoding.UTF8, "application/json"),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (SendResult.Success(attempt, status), null);
            }

            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var error = redactor.Redact($"HTTP {status} {TextLimits.Truncate(body.Trim(), MaxErrorBody)}".Trim());
            if (FailureClassifier.IsTransient(response.StatusCode))
            {
                return (new SendResult(false, attempt, status, error, RetryNow: true, PayloadRejected: false), RetryAfter.Read(response, time.GetUtcNow()));
            }

            // 4xx: another attempt now cannot help; whether the next run should try again depends on the code.
            var code = body.Trim();
            return (new SendResult(false, attempt, status, error, RetryNow: false, PayloadRejected: FailureClassifier.IsPayloadError(response.StatusCode))
            {
                ReceiverCode = code.Length is > 0 and <= 64 && !code.Contains(' ', StringComparison.Ordinal) ? redactor.Redact(code) : null,
            }, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var error = $"no answer within {options.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
            return (new SendResult(false, attempt, null, error, RetryNow: true, PayloadRejected: false), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // HttpRequestException messages can quote the request URL: redact before the text goes anywhere.
            var kind = ex is TaskCanceledException ? "timed out" : "network error";
            return (new SendResult(false, attempt, null, redactor.Redact($"{kind}: {ex.Message}"), RetryNow: true, PayloadRejected: false), null);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, attempt - 1);
        var wait = TimeSpan.FromTicks((long)Math.Min(options.BaseDelay.Ticks * factor, options.MaxDelay.Ticks));
        return wait;
    }
}
