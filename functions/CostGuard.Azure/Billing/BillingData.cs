namespace CostGuard.Azure.Billing;

/// <summary>A subscription's daily VM cost rows and when they were fetched; <see cref="Problem"/> says why they may be stale or absent.</summary>
internal sealed record BillingData(IReadOnlyList<CostRow>? Rows, DateTimeOffset? FetchedAt, bool FromCache, string? Problem);
