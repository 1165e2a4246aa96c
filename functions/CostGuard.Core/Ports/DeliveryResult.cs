namespace CostGuard.Ports;

/// <summary>One message to one destination. <see cref="Error"/> never contains the webhook URL.</summary>
/// <param name="Status">The receiver's last HTTP status; null when no answer came (network error, timeout, setting not set).</param>
public sealed record DeliveryResult(string Route, string Channel, bool Succeeded, int Messages, string? Error = null, int? Status = null);
