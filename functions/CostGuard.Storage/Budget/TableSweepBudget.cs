using Azure;
using Azure.Data.Tables;
using CostGuard.Ports;
using CostGuard.Storage.Tables;

namespace CostGuard.Storage.Budget;

/// <summary>
/// The blast-radius budget of one sweep in table <c>&lt;prefix&gt;sweepbudget</c>: partition = sweep id, one budget entity
/// (limit, granted so far) and one entity per claimant (its grant). A claim is ONE entity-group transaction: replace the
/// budget entity under the ETag it was read with, and insert the claimant's entity. Two claims racing on the budget: one
/// transaction commits, the other fails with 412 and re-reads; a claimant replaying its claim fails the insert with 409
/// and re-reads its first grant. So the grants never exceed the limit and a claimant never gets a second share.
/// </summary>
internal sealed class TableSweepBudget(StorageAccount storage) : ISweepBudget
{
    /// <summary>Each failed round means another claim committed, so a claimant needs at most one round per competitor.</summary>
    internal const int MaxRounds = 500;

    private const string Table = "sweepbudget";
    private const string BudgetRow = "budget";

    public async Task<int> ClaimAsync(string sweepId, string claimant, int limit, int wanted, CancellationToken cancellationToken)
    {
        if (wanted <= 0)
        {
            return 0;
        }

        var table = await storage.TableAsync(Table, cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Escape(sweepId);
        var claimRow = "claim|" + TableKeys.Escape(claimant);
        for (var round = 0; round < MaxRounds; round++)
        {
            TableEntity? budget = null;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {BudgetRow} or RowKey eq {claimRow})");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (entity.RowKey == claimRow)
                {
                    return entity.GetInt32("Granted") ?? 0;
                }

                budget = entity;
            }

            // The first claim fixes the limit for the whole sweep (every account sweep reads the same policy version).
            var sweepLimit = budget?.GetInt32("Limit") ?? limit;
            var granted = budget?.GetInt32("Granted") ?? 0;
            var grant = Math.Clamp(Math.Min(wanted, sweepLimit - granted), 0, wanted);
            var next = new TableEntity(partition, BudgetRow) { ["Limit"] = sweepLimit, ["Granted"] = granted + grant };
            var claim = new TableEntity(partition, claimRow) { ["Claimant"] = claimant, ["Wanted"] = wanted, ["Granted"] = grant };
            TableTransactionAction[] actions =
            [
                budget is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, next)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, budget.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, claim),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return grant;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Lost the race (budget changed, or this claimant's own replay committed first): read again.
            }
            catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
            {
            }
        }

        throw new InvalidOperationException($"Could not claim from the budget of sweep '{sweepId}' for '{claimant}' after {MaxRounds} rounds of contention.");
    }
}
