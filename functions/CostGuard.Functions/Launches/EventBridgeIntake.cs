using System.Net;
using System.Text;
using CostGuard.Fanout;
using CostGuard.Launches;
using CostGuard.Launches.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CostGuard.Functions.Launches;

/// <summary>
/// <c>POST /api/events/aws</c>'s work: API key (constant time) -> size (256 KiB) -> EventBridge validation -> scope ->
/// enqueue on <c>costguard-events</c>. 401 wrong or missing key, 413 too large, 400 malformed (naming the field), 202
/// ignored (counted) or queued, 503 when the queue cannot take it (EventBridge retries). Never logs a header or the body.
/// </summary>
public sealed class EventBridgeIntake(IConfiguration configuration, IEventQueue queue, PolicyCatalog catalog, LaunchMetrics metrics, ILogger<EventBridgeIntake> logger)
{
    public const string ApiKeySetting = "COSTGUARD_EVENTBRIDGE_API_KEY";
    public const string ApiKeyHeader = "x-costguard-api-key";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<IntakeReply> AcceptAsync(string? apiKey, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var expected = configuration[ApiKeySetting];
        if (string.IsNullOrEmpty(expected))
        {
            IntakeLog.KeyNotConfigured(logger, ApiKeySetting);
        }

        if (!ApiKeyCheck.Matches(apiKey, expected))
        {
            return Reject(HttpStatusCode.Unauthorized, "unauthorized", $"missing or wrong {ApiKeyHeader} header");
        }

        if (contentLength > EventLimits.MaxBodyBytes)
        {
            return Reject(HttpStatusCode.RequestEntityTooLarge, "too-large", $"the body is larger than {EventLimits.MaxBodyBytes} bytes");
        }

        var bytes = await ReadBoundedAsync(body, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Reject(HttpStatusCode.RequestEntityTooLarge, "too-large", $"the body is larger than {EventLimits.MaxBodyBytes} bytes");
        }

        ParsedEvent parsed;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
            parsed = Parse(text);
        }
        catch (DecoderFallbackException)
        {
            return Reject(HttpStatusCode.BadRequest, "body", "not UTF-8 text", "body");
        }
        catch (EventFormatException ex)
        {
            return Reject(HttpStatusCode.BadRequest, ex.Field, ex.Problem, ex.Field);
        }

        if (parsed.Launch is not { } launch)
        {
            metrics.Event("aws", "ignored", parsed.IgnoredReason ?? LaunchReasons.UnhandledEvent);
            return new IntakeReply(HttpStatusCode.Accepted, "ignored", parsed.IgnoredReason, Error: parsed.IgnoredDetail);
        }

        if (!await InScopeAsync(launch, cancellationToken).ConfigureAwait(false))
        {
            metrics.Event("aws", "ignored", LaunchReasons.NotInScope);
            return new IntakeReply(HttpStatusCode.Accepted, "ignored", LaunchReasons.NotInScope, Error: $"no policy in force guards account {launch.Account}");
        }

        try
        {
            await queue.EnqueueAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IntakeLog.EnqueueFailed(logger, launch.InstanceId, ex.GetType().Name);
            return Reject(HttpStatusCode.ServiceUnavailable, "unavailable", "the event could not be queued; retry");
        }

        metrics.Event("aws", "queued", "launch");
        IntakeLog.Queued(logger, launch.Account, launch.Region, launch.InstanceId);
        return new IntakeReply(HttpStatusCode.Accepted, "queued");
    }

    private static ParsedEvent Parse(string text)
    {
        using (var document = EventJson.Parse(text))
        {
            if (EventJson.Detect(document.RootElement) != EventPayloadKind.EventBridge)
            {
                throw new EventFormatException("body", "not an EventBridge event (no detail-type)");
            }
        }

        return new EventBridgeParser().Parse(text)[0];
    }

    private async Task<bool> InScopeAsync(LaunchEvent launch, CancellationToken cancellationToken)
    {
        try
        {
            var policies = await catalog.ReadInForceAsync(cancellationToken).ConfigureAwait(false);
            return LaunchEventService.Guarding(policies, launch.Cloud, launch.Account) is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Cannot tell: queue it, and the processor decides with the policies it can read then.
            IntakeLog.ScopeUnknown(logger, launch.Account, ex.GetType().Name);
            return true;
        }
    }

    private IntakeReply Reject(HttpStatusCode status, string reason, string error, string? field = null)
    {
        metrics.Event("aws", "rejected", reason);
        IntakeLog.Rejected(logger, (int)status, reason);
        return new IntakeReply(status, "rejected", reason, field, error);
    }

    /// <summary>The body, or null when it is over the limit (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[EventLimits.MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > EventLimits.MaxBodyBytes ? null : buffer.AsSpan(0, length).ToArray();
    }
}
