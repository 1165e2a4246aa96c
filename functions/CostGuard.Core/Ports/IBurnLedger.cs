using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>
/// Per-account burn ledgers (SQLite for the CLI, Table Storage for the Functions app). Updates are atomic per
/// account: concurrent updates are serialised (a transaction) or retried on conflict (an ETag), so the result
/// is always that of some serial order.
/// </summary>
public interface IBurnLedger
{
    /// <summary>The account's ledger, or null when there is none yet.</summary>
    Task<BurnLedgerState?> ReadAsync(CloudKind cloud, string account, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the ledger, calls <paramref name="change"/> with it (null when there is none) and writes the ledger it
    /// returns, all as one atomic step. <paramref name="change"/> must be a pure function: it is called again with
    /// the newer ledger whenever another writer got there first.
    /// </summary>
    Task<LedgerUpdate<T>> UpdateAsync<T>(CloudKind cloud, string account, Func<BurnLedgerState?, LedgerChange<T>> change, CancellationToken cancellationToken);
}
