using Azure;
using Azure.Data.Tables;
using CostGuard.Ports;
using CostGuard.Storage.Logging;
using CostGuard.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostGuard.Storage.Audit;

/// <summary>
/// The append-only audit on Table Storage. Nothing is ever updated or deleted; every write is an insert.
/// <list type="bullet">
/// <item><c>&lt;prefix&gt;auditactions</c>: the source of truth for intents and outcomes, partition = action id, row = kind.
/// The insert of an (action id, kind) that exists fails with 409, which is how a replayed sweep is recognised: the record is
/// not appended again.</item>
/// <item><c>&lt;prefix&gt;audit</c>: every record, partition = cloud|account, row = time ticks|kind|id: one account's records
/// over a time range are one key-range query; open intents of an account are one partition query.</item>
/// <item><c>&lt;prefix&gt;audittime</c>: every record again, partition = UTC hour, row = ticks|account|kind|id: the
/// cross-account <see cref="ReadAsync"/> is one range query in time order.</item>
/// <item><c>&lt;prefix&gt;auditlatest</c>: the action records only (<see cref="AuditActions.Includes"/>), partition = UTC hour
/// counted down, row = ticks counted down|account|kind|id: table order is newest first, so the status page's last 50
/// actions are the first rows of one unfiltered query, however long ago they were written.</item>
/// </list>
/// Writes go truth first, then the copies. The copies of a record with an action id have keys derived from the
/// stored record, so when a crash falls between the writes, the replay of the same append (queue messages are
/// at-least-once) finds the truth row, re-inserts the missing copies and duplicates nothing.
/// </summary>
internal sealed class TableAuditLog(StorageAccount storage, ILogger? logger = null) : IAuditLog
{
    private const string ActionsTable = "auditactions";
    private const string AccountTable = "audit";
    private const string TimeTable = "audittime";
    private const string LatestTable = "auditlatest";
    private const int Parallelism = 8;

    /// <summary>
    /// Pages read at most for <see cref="ReadLatestActionsAsync"/>. Every row of the index matches, so pages are full but for
    /// the service's partition-range boundaries; the cap only bounds a pathological run of empty continuation pages.
    /// </summary>
    private const int LatestMaxPages = 20;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        var actions = await storage.TableAsync(ActionsTable, cancellationToken).ConfigureAwait(false);
        var batchId = Guid.NewGuid().ToString("N");
        var toCopy = new AuditRecord?[records.Count];
        var replays = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, records.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var record = records[i];
                if (record.ActionId is null)
                {
                    toCopy[i] = record;
                    return;
                }

                var stored = await InsertTruthAsync(actions, record, ct).ConfigureAwait(false);
                if (!ReferenceEquals(stored, record))
                {
                    Interlocked.Increment(ref replays);
                }

                toCopy[i] = stored;
            }).ConfigureAwait(false);

        if (replays > 0)
        {
            StorageLog.AuditReplaysIgnored(_logger, replays);
        }

        // Two records of one batch with the same (action id, kind) are one record.
        var copies = new Dictionary<string, (AuditRecord Record, AuditKeys Keys)>(StringComparer.Ordinal);
        for (var i = 0; i < toCopy.Length; i++)
        {
            var record = toCopy[i]!;
            var keys = AuditKeys.For(record, batchId + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            copies.TryAdd(keys.AccountPartition + "\n" + keys.AccountRow, (record, keys));
        }

        var accountTable = await storage.TableAsync(AccountTable, cancellationToken).ConfigureAwait(false);
        await InsertAllAsync(accountTable, copies.Values.Select(c => AuditEntities.ToEntity(c.Record, c.Keys.AccountPartition, c.Keys.AccountRow)), cancellationToken).ConfigureAwait(false);
        var timeTable = await storage.TableAsync(TimeTable, cancellationToken).ConfigureAwait(false);
        await InsertAllAsync(timeTable, copies.Values.Select(c => AuditEntities.ToEntity(c.Record, c.Keys.HourPartition, c.Keys.HourRow)), cancellationToken).ConfigureAwait(false);
        var latest = copies.Values.Where(c => AuditActions.Includes(c.Record)).ToList();
        if (latest.Count > 0)
        {
            var latestTable = await storage.TableAsync(LatestTable, cancellationToken).ConfigureAwait(false);
            await InsertAllAsync(latestTable, latest.Select(c => AuditEntities.ToEntity(c.Record, c.Keys.LatestPartition, c.Keys.LatestRow)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadLatestActionsAsync(int limit, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        if (limit <= 0)
        {
            return records;
        }

        var table = await storage.TableAsync(LatestTable, cancellationToken).ConfigureAwait(false);
        var pages = 0;
        var query = table.QueryAsync<TableEntity>(filter: (string?)null, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                records.Add(AuditEntities.ToRecord(entity));
                if (records.Count >= limit)
                {
                    return records;
                }
            }

            if (++pages >= LatestMaxPages)
            {
                break;
            }
        }

        return records;
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        if (limit <= 0)
        {
            return records;
        }

        var table = await storage.TableAsync(TimeTable, cancellationToken).ConfigureAwait(false);

        // Later hours hold later ticks, so "row key >= since" holds across every partition from since's hour on.
        var filter = since is { } from
            ? TableClient.CreateQueryFilter($"PartitionKey ge {AuditKeys.Hour(from)} and RowKey ge {TableKeys.Ticks(from)}")
            : null;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(AuditEntities.ToRecord(entity));
            if (records.Count >= limit)
            {
                break;
            }
        }

        return records;
    }

    /// <summary>One account's records in [<paramref name="from"/>, <paramref name="to"/>), oldest first: one key-range query on its partition.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAccountAsync(string cloud, string account, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        if (limit <= 0)
        {
            return records;
        }

        var table = await storage.TableAsync(AccountTable, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Account(cloud, account)} and RowKey ge {TableKeys.Ticks(from)} and RowKey lt {TableKeys.Ticks(to)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(AuditEntities.ToRecord(entity));
            if (records.Count >= limit)
            {
                break;
            }
        }

        return records;
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadActionsAsync(IReadOnlyCollection<string> actionIds, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(ActionsTable, cancellationToken).ConfigureAwait(false);
        var found = new List<AuditRecord>();
        await Parallel.ForEachAsync(
            actionIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(id)}");
                await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
                {
                    var record = AuditEntities.ToRecord(entity);
                    if (record.Kind is AuditKinds.Intent or AuditKinds.Outcome)
                    {
                        lock (found)
                        {
                            found.Add(record);
                        }
                    }
                }
            }).ConfigureAwait(false);
        return found.OrderBy(r => r.Time).ThenBy(r => r.ActionId, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadOpenIntentsAsync(string policy, string cloud, string account, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(AccountTable, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Account(cloud, account)} and Policy eq {policy} and Cloud eq {cloud} and (Kind eq {AuditKinds.Intent} or Kind eq {AuditKinds.Outcome})");
        var intents = new List<AuditRecord>();
        var finished = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var record = AuditEntities.ToRecord(entity);
            if (record.ActionId is null)
            {
                continue;
            }

            if (record.Kind == AuditKinds.Outcome)
            {
                finished.Add(record.ActionId);
            }
            else
            {
                intents.Add(record);
            }
        }

        var candidates = intents.Where(i => !finished.Contains(i.ActionId!)).ToList();
        if (candidates.Count == 0)
        {
            return candidates;
        }

        // The account copy of an outcome may be missing after a crash between writes: the truth table decides.
        var truth = await ReadActionsAsync(candidates.Select(c => c.ActionId!).ToList(), cancellationToken).ConfigureAwait(false);
        finished.UnionWith(truth.Where(r => r.Kind == AuditKinds.Outcome).Select(r => r.ActionId!));
        return candidates.Where(i => !finished.Contains(i.ActionId!)).ToList();
    }

    /// <summary>Inserts the truth row; returns the record itself when new, or the record already logged under its key.</summary>
    private static async Task<AuditRecord> InsertTruthAsync(TableClient actions, AuditRecord record, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(record.ActionId!);
        var row = TableKeys.Escape(record.Kind);
        try
        {
            await actions.AddEntityAsync(AuditEntities.ToEntity(record, partition, row), cancellationToken).ConfigureAwait(false);
            return record;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsConflict(ex))
        {
            var existing = await actions.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            return AuditEntities.ToRecord(existing.Value);
        }
    }

    /// <summary>Inserts copies in per-partition transactions; a chunk holding an existing copy (a replay's repair) goes one by one.</summary>
    private static async Task InsertAllAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    foreach (var entity in chunk)
                    {
                        try
                        {
                            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                        }
                        catch (RequestFailedException one) when (StorageErrors.IsConflict(one))
                        {
                            // Already there: a copy of the same logged record.
                        }
                    }
                }
            }
        }
    }
}
