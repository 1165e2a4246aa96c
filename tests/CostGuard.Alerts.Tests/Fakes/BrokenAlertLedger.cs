using CostGuard.Ports;

namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>A ledger whose storage is down: every call throws.</summary>
internal sealed class BrokenAlertLedger : IAlertLedger
{
    public Task<DateTimeOffset?> LastSentAsync(string route, string dedupKey, CancellationToken cancellationToken) => throw Down();

    public Task RecordSentAsync(string route, string dedupKey, DateTimeOffset sentAt, CancellationToken cancellationToken) => throw Down();

    public Task SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken) => throw Down();

    public Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken) => throw Down();

    public Task RemovePendingAsync(string id, CancellationToken cancellationToken) => throw Down();

    private static InvalidOperationException Down() => new("state store unavailable");
}
