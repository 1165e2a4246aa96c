using System.Data;
using System.Globalization;
using CostGuard.Ports;

namespace CostGuard.State;

/// <summary>
/// The sweep budget in the state file: one row per sweep (limit, granted) and one per claimant, both written in one
/// IMMEDIATE transaction (the write lock is taken before the read), so concurrent claims serialise and a replayed
/// claimant reads back its first grant.
/// </summary>
public sealed class SqliteSweepBudget : ISweepBudget
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sweep_budget (sweep_id TEXT PRIMARY KEY, max_actions INTEGER NOT NULL, granted INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS sweep_claim (
            sweep_id TEXT NOT NULL, claimant TEXT NOT NULL, wanted INTEGER NOT NULL, granted INTEGER NOT NULL, PRIMARY KEY (sweep_id, claimant));
        """;

    private readonly string _connectionString;

    private SqliteSweepBudget(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the budget tables in the state file at <paramref name="path"/>.</summary>
    public static async Task<SqliteSweepBudget> OpenAsync(string path, CancellationToken cancellationToken) =>
        new(await SqliteConnections.PrepareAsync(path, Schema, cancellationToken).ConfigureAwait(false));

    public async Task<int> ClaimAsync(string sweepId, string claimant, int limit, int wanted, CancellationToken cancellationToken)
    {
        if (wanted <= 0)
        {
            return 0;
        }

        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        await using (var existing = SqliteConnections.Command(connection, transaction, "SELECT granted FROM sweep_claim WHERE sweep_id = $sweep AND claimant = $claimant", ("$sweep", sweepId), ("$claimant", claimant)))
        {
            if (await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } first)
            {
                return Convert.ToInt32(first, CultureInfo.InvariantCulture);
            }
        }

        int sweepLimit = limit, granted = 0;
        await using (var budget = SqliteConnections.Command(connection, transaction, "SELECT max_actions, granted FROM sweep_budget WHERE sweep_id = $sweep", ("$sweep", sweepId)))
        await using (var reader = await budget.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The first claim fixes the limit for the whole sweep.
                sweepLimit = reader.GetInt32(0);
                granted = reader.GetInt32(1);
            }
        }

        var grant = Math.Clamp(Math.Min(wanted, sweepLimit - granted), 0, wanted);
        await using (var upsert = SqliteConnections.Command(
            connection, transaction,
            "INSERT INTO sweep_budget(sweep_id, max_actions, granted) VALUES($sweep, $limit, $granted) ON CONFLICT(sweep_id) DO UPDATE SET granted = excluded.granted",
            ("$sweep", sweepId), ("$limit", sweepLimit), ("$granted", granted + grant)))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var claim = SqliteConnections.Command(
            connection, transaction,
            "INSERT INTO sweep_claim(sweep_id, claimant, wanted, granted) VALUES($sweep, $claimant, $wanted, $grant)",
            ("$sweep", sweepId), ("$claimant", claimant), ("$wanted", wanted), ("$grant", grant)))
        {
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return grant;
    }
}
