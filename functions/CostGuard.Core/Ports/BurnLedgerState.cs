using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>
/// One account's burn ledger: the running GPU instances and their USD/hour as last known, plus the guard's
/// stop decisions. Sweeps rewrite it from the inventory; launch events update it atomically.
/// </summary>
public sealed record BurnLedgerState
{
    public required CloudKind Cloud { get; init; }

    public required string Account { get; init; }

    /// <summary>When the ledger was last rebuilt from the real inventory (a sweep or a launch-time rebuild); null never.</summary>
    public DateTimeOffset? SyncedAt { get; init; }

    /// <summary>Month-to-date GPU spend (billed + live estimate) as of <see cref="MonthToDateAsOf"/>.</summary>
    public decimal MonthToDateUsd { get; init; }

    public DateTimeOffset? MonthToDateAsOf { get; init; }

    public IReadOnlyList<LedgerEntry> Entries { get; init; } = [];

    /// <summary>A launch event rebuilding this (stale) ledger right now; the others wait for it. Null otherwise.</summary>
    public LedgerRebuildClaim? Rebuild { get; init; }

    /// <summary>USD/hour of the running entries.</summary>
    public decimal BurnUsdPerHour
    {
        get
        {
            var sum = 0m;
            foreach (var entry in Entries)
            {
                if (entry.Status == LedgerEntryStatus.Running)
                {
                    sum += entry.UsdPerHour;
                }
            }

            return sum;
        }
    }

    public LedgerEntry? Find(string instanceId)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>An empty, never-synced ledger.</summary>
    public static BurnLedgerState Empty(CloudKind cloud, string account) => new() { Cloud = cloud, Account = account };
}
