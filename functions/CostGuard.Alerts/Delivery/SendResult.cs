namespace CostGuard.Alerts.Delivery;

/// <summary>How one message's delivery ended. <see cref="Error"/> is already redacted.</summary>
/// <param name="RetryNow">True for answers worth another attempt within this run (429, 408, 5xx, network).</param>
/// <param name="PayloadRejected">
/// True when the receiver rejected the payload itself (Slack 400 invalid_payload and the like): sending the same bytes
/// next run cannot help, so the message is reported but not kept pending.
/// </param>
internal sealed record SendResult(bool Succeeded, int Attempts, int? StatusCode, string? Error, bool RetryNow, bool PayloadRejected)
{
    public static SendResult Success(int attempts, int statusCode) => new(true, attempts, statusCode, null, false, false);

    /// <summary>Nothing was sent because the destination could not be resolved; fixing the setting fixes it.</summary>
    public static SendResult NotSent(string error) => new(false, 0, null, error, false, false);
}
