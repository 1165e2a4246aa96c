using Azure;
using Azure.Data.Tables;
using CostGuard.Fanout;

namespace CostGuard.Functions.Storage;

/// <summary>
/// The scheduler's ledger on Table Storage: partition = sweep id, one insert-only entity per account (state claimed,
/// then enqueued) and one <c>~sweep</c> entity once the whole sweep is on the queue. Takeovers of a dead tick's claim
/// use the entity's ETag, so two ticks can never both take it over.
/// </summary>
internal sealed class TableSweepLedger(LazyTable lazy) : ISweepLedger
{
    private const string SweepRow = "~sweep";
    private const string Claimed = "claimed";
    private const string Enqueued = "enqueued";

    public async Task<bool> IsSweepEnqueuedAsync(string sweepId, CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(sweepId), SweepRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue;
    }

    public async Task<ClaimResult> TryClaimAsync(string sweepId, string cloud, string account, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = TableKeys.Account(cloud, account);
        var partition = TableKeys.Escape(sweepId);
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, key) { ["State"] = Claimed, ["ClaimedAt"] = now }, cancellationToken).ConfigureAwait(false);
            return ClaimResult.Claimed;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }

        var existing = await table.GetEntityAsync<TableEntity>(partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.Value.GetString("State") == Enqueued)
        {
            return ClaimResult.AlreadyEnqueued;
        }

        if (existing.Value.GetDateTimeOffset("ClaimedAt") is { } at && now - at < staleAfter)
        {
            return ClaimResult.HeldByOther;
        }

        try
        {
            existing.Value["ClaimedAt"] = now;
            await table.UpdateEntityAsync(existing.Value, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return ClaimResult.Claimed;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return ClaimResult.HeldByOther;
        }
    }

    public async Task MarkEnqueuedAsync(string sweepId, string cloud, string account, CancellationToken cancellationToken) =>
        await (await lazy.GetAsync(cancellationToken).ConfigureAwait(false)).UpsertEntityAsync(new TableEntity(TableKeys.Escape(sweepId), TableKeys.Account(cloud, account)) { ["State"] = Enqueued }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

    public async Task MarkSweepEnqueuedAsync(string sweepId, CancellationToken cancellationToken) =>
        await (await lazy.GetAsync(cancellationToken).ConfigureAwait(false)).UpsertEntityAsync(new TableEntity(TableKeys.Escape(sweepId), SweepRow) { ["State"] = Enqueued }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
}
