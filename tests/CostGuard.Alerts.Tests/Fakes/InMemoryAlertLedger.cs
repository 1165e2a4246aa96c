using System.Collections.Concurrent;
using CostGuard.Ports;

namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>An in-memory ledger, as the state store would keep it; SavePendingAsync upserts by id.</summary>
internal sealed class InMemoryAlertLedger : IAlertLedger
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingDelivery> _pending = new(StringComparer.Ordinal);

    public IReadOnlyList<PendingDelivery> Pending => [.. _pending.Values.OrderBy(p => p.FirstFailedAt)];

    public IReadOnlyDictionary<string, DateTimeOffset> Sent => _sent;

    public Task<DateTimeOffset?> LastSentAsync(string route, string dedupKey, CancellationToken cancellationToken) =>
        Task.FromResult(_sent.TryGetValue($"{route}|{dedupKey}", out var at) ? at : (DateTimeOffset?)null);

    public Task RecordSentAsync(string route, string dedupKey, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        _sent[$"{route}|{dedupKey}"] = sentAt;
        return Task.CompletedTask;
    }

    public Task SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        _pending[delivery.Id] = delivery;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Pending);

    public Task RemovePendingAsync(string id, CancellationToken cancellationToken)
    {
        _pending.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
