using CostGuard.Engine;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CostGuard.Launches;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Storage.Tables;

namespace CostGuard.Storage.Launches;

/// <summary>
/// The Functions app's burn ledgers in table <c>&lt;prefix&gt;burnledger</c>: one entity per account holding the ledger's
/// JSON (split over properties, each under the 64 KiB property limit). An update reads the entity and its ETag, runs the
/// change, and writes under that ETag: a concurrent writer makes the write fail with 412 (or 409 for two first inserts)
/// and the change runs again on the newer ledger. So every update applies to the ledger it read: the outcome is that of
/// some serial order, whatever the interleaving of instances. Updates of one account from this object (one Functions
/// instance) take turns in process first (<see cref="AccountGate"/>), so only other instances race on the ETag, and a
/// lost race pauses with jittered exponential backoff (<see cref="LedgerBackoff"/>) before it re-reads.
/// </summary>
public sealed class TableBurnLedger(StorageAccount storage, LedgerBackoff? backoff = null) : IBurnLedger
{
    private const string Table = "burnledger";
    private const string Row = "ledger";
    private const int ChunkChars = 30_000;

    private readonly LedgerBackoff _backoff = backoff ?? new LedgerBackoff();

    /// <summary>This instance's per-account turns (for tests: empty once no update is in flight).</summary>
    internal AccountGate Gate { get; } = new();

    public async Task<BurnLedgerState?> ReadAsync(CloudKind cloud, string account, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = await ReadEntityAsync(table, cloud, account, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Decode(entity);
    }

    public async Task<LedgerUpdate<T>> UpdateAsync<T>(CloudKind cloud, string account, Func<BurnLedgerState?, LedgerChange<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await storage.TableAsync(Table, cancellationToken).ConfigureAwait(false);

        // Without the gate, n concurrent updates in one instance cost O(n^2) reads and writes: all but one lose each
        // round. With it they queue and each commits on its first try unless another instance wrote in between; the
        // pause after a lost race is taken holding the turn, so the whole instance backs off, not just this update.
        using var turn = await Gate.EnterAsync(Partition(cloud, account), cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await ReadEntityAsync(table, cloud, account, cancellationToken).ConfigureAwait(false);
            var decided = change(entity is null ? null : Decode(entity));
            if (decided.Next is null)
            {
                return new LedgerUpdate<T>(decided.Result, attempt - 1);
            }

            var next = Encode(cloud, account, decided.Next);
            try
            {
                if (entity is null)
                {
                    await table.AddEntityAsync(next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateEntityAsync(next, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return new LedgerUpdate<T>(decided.Result, attempt - 1);
            }
            catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
            {
                // Another instance committed since the read: pause, then judge again against the ledger it wrote.
                if (attempt >= _backoff.MaxAttempts)
                {
                    throw new LedgerContentionException(
                        $"The burn ledger of {PlanWords.Cloud(cloud)} account {account} was changed by another writer during each of {attempt} attempts "
                        + $"(status {ex.Status} on the last); nothing was written by this update, retry it later.", ex);
                }
            }

            await Task.Delay(_backoff.DelayAfter(attempt), _backoff.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<TableEntity?> ReadEntityAsync(TableClient table, CloudKind cloud, string account, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition(cloud, account), Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static TableEntity Encode(CloudKind cloud, string account, BurnLedgerState ledger)
    {
        var json = BurnLedgerJson.Write(ledger);
        var entity = new TableEntity(Partition(cloud, account), Row);
        var chunks = 0;
        for (var start = 0; start < json.Length; start += ChunkChars, chunks++)
        {
            entity[$"Json{chunks}"] = json.Substring(start, Math.Min(ChunkChars, json.Length - start));
        }

        entity["Chunks"] = chunks;
        entity["Entries"] = ledger.Entries.Count;
        entity["BurnUsdPerHour"] = (double)ledger.BurnUsdPerHour;
        return entity;
    }

    private static BurnLedgerState Decode(TableEntity entity)
    {
        var chunks = entity.GetInt32("Chunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString($"Json{i}") ?? throw new InvalidDataException($"the stored burn ledger {entity.PartitionKey} lacks part {i} of {chunks}"));
        }

        return BurnLedgerJson.Read(json.ToString());
    }

    private static string Partition(CloudKind cloud, string account) => TableKeys.Account(PlanWords.Cloud(cloud), account);
}
