using System.Data;
using System.Globalization;
using CostGuard.Ports;
using Microsoft.Data.Sqlite;

namespace CostGuard.State;

/// <summary>Sweep health in the state file: one row per (policy, cloud, account), updated in an IMMEDIATE transaction.</summary>
public sealed class SqliteSweepHealthStore : ISweepHealthStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sweep_health (
            policy TEXT NOT NULL, cloud TEXT NOT NULL, account_key TEXT NOT NULL, account TEXT NOT NULL,
            last_attempt_at TEXT, last_success_at TEXT, failures_in_a_row INTEGER NOT NULL, last_error TEXT,
            PRIMARY KEY (policy, cloud, account_key));
        """;

    private const string Columns = "policy, cloud, account, last_attempt_at, last_success_at, failures_in_a_row, last_error";

    private readonly string _connectionString;

    private SqliteSweepHealthStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the health table in the state file at <paramref name="path"/>.</summary>
    public static async Task<SqliteSweepHealthStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        new(await SqliteConnections.PrepareAsync(path, Schema, cancellationToken).ConfigureAwait(false));

    public async Task<SweepHealth> RecordAsync(string policy, string cloud, string account, DateTimeOffset at, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        var key = (Policy: policy, Cloud: cloud.ToLowerInvariant(), Account: account.ToLowerInvariant());
        SweepHealth? before = null;
        await using (var read = SqliteConnections.Command(
            connection, transaction, $"SELECT {Columns} FROM sweep_health WHERE policy = $policy AND cloud = $cloud AND account_key = $key",
            ("$policy", key.Policy), ("$cloud", key.Cloud), ("$key", key.Account)))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                before = Read(reader);
            }
        }

        var after = SweepHealthRules.Apply(before ?? new SweepHealth { Policy = policy, Cloud = cloud, Account = account }, at, succeeded, error);
        await using (var write = SqliteConnections.Command(
            connection, transaction,
            "INSERT INTO sweep_health(policy, cloud, account_key, account, last_attempt_at, last_success_at, failures_in_a_row, last_error) " +
            "VALUES($policy, $cloud, $key, $account, $attempt, $success, $failures, $error) ON CONFLICT(policy, cloud, account_key) DO UPDATE SET " +
            "last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, failures_in_a_row = excluded.failures_in_a_row, last_error = excluded.last_error",
            ("$policy", key.Policy), ("$cloud", key.Cloud), ("$key", key.Account), ("$account", after.Account), ("$attempt", Format(after.LastAttemptAt)),
            ("$success", Format(after.LastSuccessAt)), ("$failures", after.FailuresInARow), ("$error", after.LastError)))
        {
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return after;
    }

    public async Task<IReadOnlyList<SweepHealth>> ReadAsync(string? policy, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteConnections.Command(
            connection, null, $"SELECT {Columns} FROM sweep_health WHERE $policy IS NULL OR policy = $policy ORDER BY policy, cloud, account", ("$policy", policy));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<SweepHealth>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list.OrderBy(h => h.Policy, StringComparer.Ordinal).ThenBy(h => h.Cloud, StringComparer.Ordinal).ThenBy(h => h.Account, StringComparer.Ordinal).ToList();
    }

    private static SweepHealth Read(SqliteDataReader reader) => new()
    {
        Policy = reader.GetString(0),
        Cloud = reader.GetString(1),
        Account = reader.GetString(2),
        LastAttemptAt = Parse(reader.IsDBNull(3) ? null : reader.GetString(3)),
        LastSuccessAt = Parse(reader.IsDBNull(4) ? null : reader.GetString(4)),
        FailuresInARow = reader.GetInt32(5),
        LastError = reader.IsDBNull(6) ? null : reader.GetString(6),
    };

    private static string? Format(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
