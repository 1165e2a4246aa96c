using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Launches;

/// <summary>
/// An account's ledger rebuilt from its real inventory. Billing GPU instances are entered as running, or as stopped
/// when <paramref name="stops"/> (the stops applied, or about to be) include them.
/// </summary>
public static class LedgerRebuild
{
    public static BurnLedgerState FromInventory(
        Policy policy, AccountSnapshot account, IReadOnlyList<PlannedAction> stops, DateTimeOffset syncedAt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(account);
        var stopped = new Dictionary<string, PlannedAction>(StringComparer.OrdinalIgnoreCase);
        foreach (var stop in stops)
        {
            if (stop.IsDisruptive)
            {
                stopped.TryAdd(stop.Instance.Id, stop);
            }
        }

        var entries = new List<LedgerEntry>();
        foreach (var instance in account.Instances)
        {
            if (!instance.IsBilling || !policy.Gpu.IsGpu(instance.Cloud, instance.Type))
            {
                continue;
            }

            var stop = stopped.GetValueOrDefault(instance.Id);
            entries.Add(new LedgerEntry
            {
                InstanceId = instance.Id,
                UsdPerHour = instance.UsdPerHour,
                LaunchTime = instance.LaunchTime,
                Status = stop is null ? LedgerEntryStatus.Running : LedgerEntryStatus.Stopped,
                Origin = LedgerEntryOrigin.Inventory,
                RecordedAt = syncedAt,
                Reason = stop is null ? null : PlanWords.Reason(stop.Reason),
            });
        }

        return new BurnLedgerState
        {
            Cloud = account.Cloud,
            Account = account.Id,
            SyncedAt = syncedAt,
            MonthToDateUsd = account.MonthToDateUsd,
            MonthToDateAsOf = syncedAt,
            Entries = entries,
        };
    }

    /// <summary>
    /// A sweep's rewrite: the inventory is the truth, except for launch decisions recorded after the inventory was
    /// read (the sweep could not have seen those launches yet).
    /// </summary>
    public static BurnLedgerState MergeSweep(BurnLedgerState? current, BurnLedgerState fromInventory, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(fromInventory);
        if (current is null)
        {
            return fromInventory;
        }

        // A launch decided after the read is newer news about that instance than the inventory.
        var later = current.Entries
            .Where(e => e.Origin == LedgerEntryOrigin.Launch && e.RecordedAt >= readAt)
            .ToDictionary(e => e.InstanceId, StringComparer.OrdinalIgnoreCase);
        var entries = new List<LedgerEntry>(fromInventory.Entries.Count + later.Count);
        foreach (var entry in fromInventory.Entries)
        {
            if (!later.ContainsKey(entry.InstanceId))
            {
                entries.Add(entry);
            }
        }

        entries.AddRange(later.Values);

        return fromInventory with { Entries = entries };
    }

    /// <summary>True when the ledger cannot be trusted for a launch: missing, never synced, or no sync within two sweep intervals.</summary>
    public static bool IsStale(BurnLedgerState? ledger, Policy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return ledger?.SyncedAt is not { } synced || now - synced > policy.SweepInterval * 2;
    }
}
