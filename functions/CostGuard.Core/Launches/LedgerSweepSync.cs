using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Launches;

/// <summary>
/// After a sweep: rewrites the burn ledger of every account the sweep read completely from its real inventory
/// (the inventory is the truth), entering the sweep's applied stops as stopped and keeping launch decisions taken
/// after the inventory was read.
/// </summary>
public static class LedgerSweepSync
{
    /// <summary>Returns a problem sentence per account whose ledger could not be written (never throws for store errors).</summary>
    public static async Task<IReadOnlyList<string>> RecordAsync(IBurnLedger ledger, Policy policy, SweepResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        var readAt = result.Plan.EvaluatedAt;
        var stops = result.Outcomes
            .Where(o => o.Action.IsDisruptive && o.Status is ActionStatus.Applied or ActionStatus.AlreadyDone)
            .Select(o => o.Action)
            .ToList();
        foreach (var read in result.Reads)
        {
            // A failed or partial inventory is not the truth: the ledger keeps what the last whole read (or launches) left.
            if (!read.InventoryComplete || read.Snapshot is not { } snapshot)
            {
                continue;
            }

            var fromInventory = LedgerRebuild.FromInventory(policy, snapshot, stops.Where(s => s.Instance.Cloud == snapshot.Cloud).ToList(), readAt);
            try
            {
                await ledger.UpdateAsync(
                    snapshot.Cloud,
                    snapshot.Id,
                    current => new LedgerChange<bool>(LedgerRebuild.MergeSweep(current, fromInventory, readAt), true),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"ledger: rewriting the burn ledger of {PlanWords.Cloud(snapshot.Cloud)} account {snapshot.Id} failed ({ex.Message}); launches rebuild it when it goes stale");
            }
        }

        return problems;
    }
}
