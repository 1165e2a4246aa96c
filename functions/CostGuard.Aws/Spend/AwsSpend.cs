using CostGuard.Fleet;

namespace CostGuard.Aws.Spend;

/// <summary>An account's billed GPU spend this month, when billing was current, and its daily usage.</summary>
internal sealed record AwsSpend(decimal BilledUsd, DateTimeOffset? BilledUntil, IReadOnlyList<DailyUsage> Daily, string? Problem);
