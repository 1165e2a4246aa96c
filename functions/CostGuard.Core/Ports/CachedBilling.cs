namespace CostGuard.Ports;

/// <summary>A cached billing answer, serialized by the adapter that owns it.</summary>
public sealed record CachedBilling(string Payload, DateTimeOffset FetchedAt);
