using CostGuard.Engine;
using CostGuard.Launches;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Data.Sqlite;

namespace CostGuard.State;

/// <summary>
/// The CLI's burn ledger in the state file: one row per account, updated inside an IMMEDIATE transaction, so
/// several <c>costguard</c> processes on one file judge launches one at a time (SQLite's write lock serialises them).
/// </summary>
public sealed class SqliteBurnLedger : IBurnLedger
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS burn_ledger (
            cloud TEXT NOT NULL, account TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (cloud, account));
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private SqliteBurnLedger(string path, TimeProvider time)
    {
        // A long busy timeout: another process holding the write lock finishes one small update, then it is our turn.
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString();
        _time = time;
    }

    /// <summary>Opens (creating if needed) the ledger table in the state file at <paramref name="path"/>.</summary>
    public static async Task<SqliteBurnLedger> OpenAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var ledger = new SqliteBurnLedger(path, time);
        await using var connection = await ledger.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ledger;
    }

    public async Task<BurnLedgerState?> ReadAsync(CloudKind cloud, string account, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SelectAsync(connection, null, cloud, account, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerUpdate<T>> UpdateAsync<T>(CloudKind cloud, string account, Func<BurnLedgerState?, LedgerChange<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE takes the write lock before the read: no other writer can slip in between.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await SelectAsync(connection, transaction, cloud, account, cancellationToken).ConfigureAwait(false);
        var decided = change(current);
        if (decided.Next is not null)
        {
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO burn_ledger(cloud, account, version, json, updated_at) VALUES($cloud, $account, 1, $json, $at)
                ON CONFLICT(cloud, account) DO UPDATE SET version = version + 1, json = excluded.json, updated_at = excluded.updated_at
                """;
            write.Parameters.AddWithValue("$cloud", Key(cloud));
            write.Parameters.AddWithValue("$account", account.ToUpperInvariant());
            write.Parameters.AddWithValue("$json", BurnLedgerJson.Write(decided.Next));
            write.Parameters.AddWithValue("$at", Time.IsoTime.Format(_time.GetUtcNow()));
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerUpdate<T>(decided.Result, 0);
    }

    private static async Task<BurnLedgerState?> SelectAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CloudKind cloud, string account, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT json FROM burn_ledger WHERE cloud = $cloud AND account = $account";
        command.Parameters.AddWithValue("$cloud", Key(cloud));
        command.Parameters.AddWithValue("$account", account.ToUpperInvariant());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? BurnLedgerJson.Read(json) : null;
    }

    private static string Key(CloudKind cloud) => PlanWords.Cloud(cloud);

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
