namespace CostGuard.Status;

/// <summary>An exemption that ends within the next 24 hours.</summary>
public sealed record ExpiringExemption(string Instance, DateTimeOffset ExpiresAt);
