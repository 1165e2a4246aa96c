namespace CostGuard.Alerts.Delivery;

/// <summary>How one message's delivery ended. <see cref="Error"/> is already redacted.</summary>
/// <param name="RetryNow">True for answers worth another attempt within this run (429, 408, 5xx, network).</param>
/// <param name="PayloadRejected">
/// True when the receiver rejected the payload itself (Slack 400 invalid_payload and the like): sending the same bytes
/// next run cannot help, so the message is reported but not kept pending.
/// </param>
internal sealed record SendResult(bool Succeeded, int Attempts, int? StatusCode, string? Error, bool RetryNow, bool PayloadRejected)
{
    /// <summary>The receiver's error code when it sent one (Slack answers plain-text codes such as <c>invalid_blocks</c>).</summary>
    public string? ReceiverCode { get; init; }

    /// <summary>How long the receiver asked to wait (Retry-After) before the next attempt; null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Slack refused the Block Kit blocks but would take the message without them.</summary>
    public bool BlocksRejected => StatusCode == 400 && ReceiverCode is "invalid_blocks" or "invalid_blocks_format";

    public static SendResult Success(int attempts, int statusCode) => new(true, attempts, statusCode, null, false, false);

    /// <summary>Nothing was sent because the destination could not be resolved; fixing the setting fixes it.</summary>
    public static SendResult NotSent(string error) => new(false, 0, null, error, false, false);
}
