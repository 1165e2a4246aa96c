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
/// some serial order, whatever the interleaving of instances.
/// </summary>
public sealed class TableBurnLedger(StorageAccount storage) : IBurnLedger
{
    /// <summary>Each failed round means another update committed; a hundred concurrent launches need at most a hundred.</summary>
    internal const int MaxRounds = 1000;

    private const string Table = "burnledger";
    private const string Row = "ledger";
    private const int ChunkChars = 30_000;

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
        for (var round = 0; round < MaxRounds; round++)
        {
            var entity = await ReadEntityAsync(table, cloud, account, cancellationToken).ConfigureAwait(false);
            var decided = change(entity is null ? null : Decode(entity));
            if (decided.Next is null)
            {
                return new LedgerUpdate<T>(decided.Result, round);
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

                return new LedgerUpdate<T>(decided.Result, round);
            }
            catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
            {
                // Another update committed since the read: judge again against the ledger it wrote.
            }
        }

        throw new InvalidOperationException($"Could not update the burn ledger of {PlanWords.Cloud(cloud)} account {account} after {MaxRounds} rounds of contention.");
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
