using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Data.Sqlite;

namespace CostGuard.State;

/// <summary>
/// One sweep per account for the CLI: a lease row per (cloud, account) in the state file with an expiry, taken in an
/// IMMEDIATE transaction so two processes cannot both take it. A crashed holder blocks the account only until the
/// lease expires, or not at all when <c>isHolderGone</c> can tell that it is dead (same machine, process gone).
/// </summary>
public sealed class SqliteAccountLock : IAccountLock
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS account_lock (
            cloud TEXT NOT NULL, account TEXT NOT NULL, holder TEXT NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (cloud, account));
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Func<string, bool> _isHolderGone;

    private SqliteAccountLock(string path, TimeProvider time, Func<string, bool>? isHolderGone)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
        _time = time;
        _isHolderGone = isHolderGone ?? (_ => false);
    }

    /// <param name="isHolderGone">True when a holder named in a lease row is known to be dead (its lease can be taken at once).</param>
    public static async Task<SqliteAccountLock> OpenAsync(string path, TimeProvider time, Func<string, bool>? isHolderGone, CancellationToken cancellationToken)
    {
        var store = new SqliteAccountLock(path, time, isHolderGone);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    public async Task<IAccountLease?> TryAcquireAsync(CloudKind cloud, string account, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var key = (Cloud: cloud.ToString().ToLowerInvariant(), Account: account.ToUpperInvariant());
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE: the read of the current holder and the write are one step for every process on the file.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var read = Command(connection, transaction, "SELECT holder, expires_ms FROM account_lock WHERE cloud = $cloud AND account = $account", key.Cloud, key.Account))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var current = reader.GetString(0);
                var expires = reader.GetInt64(1);
                if (current != holder && expires > now && !_isHolderGone(current))
                {
                    return null;
                }
            }
        }

        var expiresAt = now + (long)duration.TotalMilliseconds;
        await using (var write = Command(
            connection,
            transaction,
            "INSERT INTO account_lock(cloud, account, holder, expires_ms) VALUES($cloud, $account, $holder, $expires) "
            + "ON CONFLICT(cloud, account) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms",
            key.Cloud,
            key.Account))
        {
            write.Parameters.AddWithValue("$holder", holder);
            write.Parameters.AddWithValue("$expires", expiresAt);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(this, key.Cloud, key.Account, holder, duration, DateTimeOffset.FromUnixTimeMilliseconds(expiresAt));
    }

    private async Task<bool> RenewAsync(Lease lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var expires = _time.GetUtcNow().Add(lease.Duration);

        // Only while this holder still has the row: a lease that expired and was taken by another sweep is lost.
        await using var command = Command(connection, null, "UPDATE account_lock SET expires_ms = $expires WHERE cloud = $cloud AND account = $account AND holder = $holder", lease.Cloud, lease.Account);
        command.Parameters.AddWithValue("$expires", expires.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$holder", lease.Holder);
        var renewed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (renewed)
        {
            lease.ExpiresAt = expires;
        }

        return renewed;
    }

    private async Task ReleaseAsync(Lease lease)
    {
        await using var connection = await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = Command(connection, null, "DELETE FROM account_lock WHERE cloud = $cloud AND account = $account AND holder = $holder", lease.Cloud, lease.Account);
        command.Parameters.AddWithValue("$holder", lease.Holder);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string cloud, string account)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cloud", cloud);
        command.Parameters.AddWithValue("$account", account);
        return command;
    }

    private sealed class Lease(SqliteAccountLock owner, string cloud, string account, string holder, TimeSpan duration, DateTimeOffset expiresAt) : IAccountLease
    {
        private int _released;

        public string Cloud => cloud;

        public string Account => account;

        public string Holder => holder;

        public TimeSpan Duration => duration;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public Task<bool> RenewAsync(CancellationToken cancellationToken) => owner.RenewAsync(this, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await owner.ReleaseAsync(this).ConfigureAwait(false);
            }
        }
    }
}
