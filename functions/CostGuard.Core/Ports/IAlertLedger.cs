namespace CostGuard.Ports;

/// <summary>Remembers alert deliveries: for re-send suppression and for retrying failed deliveries next run.</summary>
public interface IAlertLedger
{
    /// <summary>When this alert (by dedup key) was last delivered on this route; null if never.</summary>
    Task<DateTimeOffset?> LastSentAsync(string route, string dedupKey, CancellationToken cancellationToken);

    Task RecordSentAsync(string route, string dedupKey, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a message whose delivery failed so the next run retries it. Saving an id that is already kept replaces it
    /// (the notifier updates the attempt count and last error this way).
    /// </summary>
    Task SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken);

    Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken);

    Task RemovePendingAsync(string id, CancellationToken cancellationToken);
}
