using System.Net;

namespace CostGuard.Alerts.Delivery;

/// <summary>Which HTTP answers are worth another attempt, now or on the next run.</summary>
internal static class FailureClassifier
{
    /// <summary>429, 408 and 5xx are transient: retried with backoff within the run.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>
    /// A 400 means the payload itself is wrong (Slack invalid_payload, invalid_blocks, no_text): sending the same bytes
    /// next run fails the same way, so it is reported and not kept. Other 4xx (403 invalid_token, 404 no_service,
    /// 410 channel_is_archived, Workflows 401/404) are configuration problems an operator can fix, so the message is
    /// kept pending and goes out once the setting is corrected.
    /// </summary>
    public static bool IsPayloadError(HttpStatusCode status) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity;
}
