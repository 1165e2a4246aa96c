using System.Globalization;
using System.Text.Json;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Ports;
using Microsoft.Data.Sqlite;

namespace CostGuard.State;

/// <summary>
/// The laptop state store: billing cache, guard memory, append-only audit log and alert ledger in one
/// SQLite file. Each call opens its own connection, so concurrent sweeps of one process stay safe. The billing cache has
/// no cross-process claim (nothing ever waits on one, so a failed fetch cannot hold anybody up); a failed fetch is
/// remembered for <see cref="BillingFailureLifetime"/> so the accounts of a sweep do not each repeat a denied call.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    /// <summary>How long <see cref="GetAsync"/> answers a key's failed fetch with that failure instead of letting the caller fetch.</summary>
    public static readonly TimeSpan BillingFailureLifetime = TimeSpan.FromMinutes(1);

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private SqliteStateStore(string path, TimeProvider time)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        _time = time;
    }

    /// <summary>The default file: <c>LocalApplicationData/costguard/state.db</c>.</summary>
    public static string DefaultPath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "costguard", "state.db");

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> on the system clock.</summary>
    public static Task<SqliteStateStore> OpenAsync(string path, CancellationToken cancellationToken) => OpenAsync(path, TimeProvider.System, cancellationToken);

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>; <paramref name="time"/> dates remembered billing failures.</summary>
    public static async Task<SqliteStateStore> OpenAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        StateFileAccess.Prepare(path);
        var store = new SqliteStateStore(path, time);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, StateSchema.Create, cancellationToken).ConfigureAwait(false);

        // Several processes may open a new (or older) file at once: probing and adding a column under the write lock
        // keeps two of them from both adding it ("duplicate column name").
        await Execute(connection, "BEGIN IMMEDIATE;", cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (table, column, definition) in StateSchema.AddedColumns)
            {
                await using var probe = Command(connection, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column", ("$column", column));
                if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    await Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition};", cancellationToken).ConfigureAwait(false);
                }
            }

            await Execute(connection, StateSchema.AfterColumns, cancellationToken).ConfigureAwait(false);
            await Execute(connection, "COMMIT;", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await TryRollbackAsync(connection).ConfigureAwait(false);
            throw;
        }

        return store;
    }

    public async Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "SELECT c.payload, c.fetched_at, f.problem, f.failed_at FROM (SELECT $key AS key) k LEFT JOIN billing_cache c ON c.key = k.key LEFT JOIN billing_failure f ON f.key = k.key",
            ("$key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var cached = reader.IsDBNull(0) ? null : new CachedBilling(reader.GetString(0), ParseTime(reader.GetString(1)));
        if (!reader.IsDBNull(2))
        {
            // A failure row outlives the last answer only when the fetch after it failed (SetAsync clears it).
            var failedAt = ParseTime(reader.GetString(3));
            var age = _time.GetUtcNow() - failedAt;
            if (age >= TimeSpan.Zero && age < BillingFailureLifetime)
            {
                throw new BillingFetchFailedException(reader.GetString(2), failedAt, cached);
            }
        }

        return cached;
    }

    public async Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT INTO billing_cache(key, payload, fetched_at) VALUES($key, $payload, $at) ON CONFLICT(key) DO UPDATE SET payload = excluded.payload, fetched_at = excluded.fetched_at;" +
            " DELETE FROM billing_failure WHERE key = $key;",
            ("$key", key), ("$payload", value.Payload), ("$at", FormatTime(value.FetchedAt)));
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            return; // no claim to give up: the next caller simply fetches
        }

        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(
                connection,
                "INSERT INTO billing_failure(key, problem, failed_at) VALUES($key, $problem, $at) ON CONFLICT(key) DO UPDATE SET problem = excluded.problem, failed_at = excluded.failed_at",
                ("$key", key), ("$problem", problem), ("$at", FormatTime(_time.GetUtcNow())));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // The caller is handling the fetch's own failure; not remembering it only costs one more billing call.
        }
    }

    public async Task<GuardMemory> LoadAsync(string policyName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT json FROM guard_memory WHERE policy = $policy", ("$policy", policyName));
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return json is null ? GuardMemory.Empty : StoredMemory.FromJson(json);
    }

    public async Task SaveAsync(string policyName, GuardMemory memory, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT INTO guard_memory(policy, json) VALUES($policy, $json) ON CONFLICT(policy) DO UPDATE SET json = excluded.json",
            ("$policy", policyName), ("$json", StoredMemory.ToJson(memory)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One prepared statement for the whole batch: a sweep can audit thousands of decisions.
        await using var command = Command(
            connection,
            "INSERT OR IGNORE INTO audit(time_ms, time, policy, cloud, account, region, instance, action, reason, mode, outcome, detail, kind, action_id, sweep_id) " +
            "VALUES($ms, $time, $policy, $cloud, $account, $region, $instance, $action, $reason, $mode, $outcome, $detail, $kind, $actionId, $sweepId)",
            ("$ms", 0L), ("$time", string.Empty), ("$policy", string.Empty), ("$cloud", string.Empty), ("$account", string.Empty), ("$region", null),
            ("$instance", null), ("$action", string.Empty), ("$reason", string.Empty), ("$mode", string.Empty), ("$outcome", string.Empty), ("$detail", null),
            ("$kind", AuditKinds.Decision), ("$actionId", null), ("$sweepId", null));
        command.Transaction = transaction;
        foreach (var r in records)
        {
            Set(command, "$ms", r.Time.ToUnixTimeMilliseconds());
            Set(command, "$time", FormatTime(r.Time));
            Set(command, "$policy", r.Policy);
            Set(command, "$cloud", r.Cloud);
            Set(command, "$account", r.Account);
            Set(command, "$region", r.Region);
            Set(command, "$instance", r.Instance);
            Set(command, "$action", r.Action);
            Set(command, "$reason", r.Reason);
            Set(command, "$mode", r.Mode);
            Set(command, "$outcome", r.Outcome);
            Set(command, "$detail", r.Detail);
            Set(command, "$kind", r.Kind);
            Set(command, "$actionId", r.ActionId);
            Set(command, "$sweepId", r.SweepId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"SELECT {AuditColumns} FROM audit WHERE time_ms >= $since ORDER BY time_ms, id LIMIT $limit",
            ("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue), ("$limit", limit));
        return await ReadAuditAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadLatestActionsAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        // The time index read backwards (id is the rowid, so the tie-break needs no sort); stops after `limit` rows.
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"SELECT {AuditColumns} FROM audit WHERE kind <> $intent AND action <> $alert ORDER BY time_ms DESC, id DESC LIMIT $limit",
            ("$intent", AuditKinds.Intent), ("$alert", AuditActions.Alert), ("$limit", limit));
        return await ReadAuditAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadActionsAsync(IReadOnlyCollection<string> actionIds, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        if (actionIds.Count == 0)
        {
            return records;
        }

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // A JSON array parameter instead of thousands of bound parameters (SQLite caps those at 32766).
        await using var command = Command(
            connection,
            $"SELECT {AuditColumns} FROM audit WHERE action_id IN (SELECT value FROM json_each($ids)) AND kind IN ('intent', 'outcome') ORDER BY time_ms, id",
            ("$ids", JsonSerializer.Serialize(actionIds.Distinct(StringComparer.Ordinal))));
        records.AddRange(await ReadAuditAsync(command, cancellationToken).ConfigureAwait(false));
        return records;
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadOpenIntentsAsync(string policy, string cloud, string account, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"SELECT {AuditColumns} FROM audit AS i WHERE i.kind = 'intent' AND i.action_id IS NOT NULL AND i.policy = $policy AND i.cloud = $cloud " +
            "AND i.account = $account COLLATE NOCASE " +
            "AND NOT EXISTS (SELECT 1 FROM audit AS o WHERE o.action_id = i.action_id AND o.kind = 'outcome') ORDER BY i.time_ms, i.id",
            ("$policy", policy), ("$cloud", cloud), ("$account", account));
        return await ReadAuditAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private const string AuditColumns = "time, policy, cloud, account, region, instance, action, reason, mode, outcome, detail, kind, action_id, sweep_id";

    private static async Task<List<AuditRecord>> ReadAuditAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new AuditRecord
            {
                Time = ParseTime(reader.GetString(0)),
                Policy = reader.GetString(1),
                Cloud = reader.GetString(2),
                Account = reader.GetString(3),
                Region = reader.IsDBNull(4) ? null : reader.GetString(4),
                Instance = reader.IsDBNull(5) ? null : reader.GetString(5),
                Action = reader.GetString(6),
                Reason = reader.GetString(7),
                Mode = reader.GetString(8),
                Outcome = reader.GetString(9),
                Detail = reader.IsDBNull(10) ? null : reader.GetString(10),
                Kind = reader.IsDBNull(11) ? AuditKinds.Decision : reader.GetString(11),
                ActionId = reader.IsDBNull(12) ? null : reader.GetString(12),
                SweepId = reader.IsDBNull(13) ? null : reader.GetString(13),
            });
        }

        return records;
    }

    public async Task<DateTimeOffset?> LastSentAsync(string route, string dedupKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT sent_at FROM alert_sent WHERE route = $route AND dedup_key = $key", ("$route", route), ("$key", dedupKey));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string text ? ParseTime(text) : null;
    }

    public async Task RecordSentAsync(string route, string dedupKey, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT INTO alert_sent(route, dedup_key, sent_at) VALUES($route, $key, $at) ON CONFLICT(route, dedup_key) DO UPDATE SET sent_at = excluded.sent_at",
            ("$route", route), ("$key", dedupKey), ("$at", FormatTime(sentAt)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT INTO pending_delivery(id, route, channel, payload, dedup_keys, attempts, first_failed_at, last_error, policy) " +
            "VALUES($id, $route, $channel, $payload, $keys, $attempts, $first, $error, $policy) ON CONFLICT(id) DO UPDATE SET " +
            "route = excluded.route, channel = excluded.channel, payload = excluded.payload, dedup_keys = excluded.dedup_keys, " +
            "attempts = excluded.attempts, first_failed_at = excluded.first_failed_at, last_error = excluded.last_error, policy = excluded.policy",
            ("$id", delivery.Id), ("$route", delivery.Route), ("$channel", delivery.Channel), ("$payload", delivery.PayloadJson),
            ("$keys", JsonSerializer.Serialize(delivery.DedupKeys)), ("$attempts", delivery.Attempts),
            ("$first", FormatTime(delivery.FirstFailedAt)), ("$error", delivery.LastError), ("$policy", delivery.Policy));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT id, route, channel, payload, dedup_keys, attempts, first_failed_at, last_error, policy FROM pending_delivery ORDER BY first_failed_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<PendingDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PendingDelivery
            {
                Id = reader.GetString(0),
                Route = reader.GetString(1),
                Channel = reader.GetString(2),
                PayloadJson = reader.GetString(3),
                DedupKeys = JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                Attempts = reader.GetInt32(5),
                FirstFailedAt = ParseTime(reader.GetString(6)),
                LastError = reader.IsDBNull(7) ? null : reader.GetString(7),
                Policy = reader.IsDBNull(8) ? null : reader.GetString(8),
            });
        }

        return list;
    }

    public async Task RemovePendingAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM pending_delivery WHERE id = $id", ("$id", id));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, "PRAGMA busy_timeout = 5000;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>A failed rollback (no transaction left) must not hide the error that caused it.</summary>
    private static async Task TryRollbackAsync(SqliteConnection connection)
    {
        try
        {
            await Execute(connection, "ROLLBACK;", CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // The transaction is already gone with the connection's error.
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
