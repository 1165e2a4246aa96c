using CostGuard.Alerts.Logging;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Alerts.Delivery;

/// <summary>
/// The ledger, with failures turned into log entries: a broken state store must not stop alerts from going out
/// (at worst an alert is sent twice), and DeliverAsync must never throw for it.
/// </summary>
internal sealed class SafeLedger(IAlertLedger ledger, ILogger logger)
{
    public async Task<DateTimeOffset?> LastSentAsync(string route, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ledger.LastSentAsync(route, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LedgerFailed(logger, nameof(LastSentAsync), ex.Message);
            return null;
        }
    }

    public Task<bool> RecordSentAsync(string route, string key, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        TryAsync(nameof(RecordSentAsync), () => ledger.RecordSentAsync(route, key, sentAt, cancellationToken));

    public async Task RecordAllSentAsync(string route, IEnumerable<string> keys, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            await RecordSentAsync(route, key, sentAt, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<bool> SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken) =>
        TryAsync(nameof(SavePendingAsync), () => ledger.SavePendingAsync(delivery, cancellationToken));

    public Task<bool> RemovePendingAsync(string id, CancellationToken cancellationToken) =>
        TryAsync(nameof(RemovePendingAsync), () => ledger.RemovePendingAsync(id, cancellationToken));

    public async Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ledger.ListPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LedgerFailed(logger, nameof(ListPendingAsync), ex.Message);
            return [];
        }
    }

    private async Task<bool> TryAsync(string operation, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LedgerFailed(logger, operation, ex.Message);
            return false;
        }
    }
}
