namespace CostGuard.Ports;

/// <summary>One message to one destination. <see cref="Error"/> never contains the webhook URL.</summary>
public sealed record DeliveryResult(string Route, string Channel, bool Succeeded, int Messages, string? Error = null);
