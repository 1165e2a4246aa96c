using CostGuard.Fleet;
using CostGuard.Ports;
using CostGuard.Storage.Audit;
using CostGuard.Storage.Billing;
using CostGuard.Storage.Ledger;
using CostGuard.Storage.Memory;
using Microsoft.Extensions.Logging;

namespace CostGuard.Storage;

/// <summary>
/// The Functions app's <see cref="IStateStore"/> on Azure Storage: the audit and alert ledger in Table Storage; guard
/// memory, pending deliveries and the billing cache (with its single flight) in the state container. See the README.
/// </summary>
public sealed class TableStateStore : IStateStore
{
    private readonly BlobBillingCache _billing;
    private readonly BlobGuardMemoryStore _memory;
    private readonly TableAuditLog _audit;
    private readonly TableAlertLedger _ledger;

    public TableStateStore(StorageAccount account, TimeProvider time, ILoggerFactory? loggers = null)
        : this(new BlobBillingCache(account, time, loggers?.CreateLogger<TableStateStore>()), account, loggers)
    {
    }

    internal TableStateStore(BlobBillingCache billing, StorageAccount account, ILoggerFactory? loggers)
    {
        _billing = billing;
        _memory = new BlobGuardMemoryStore(account);
        _audit = new TableAuditLog(account, loggers?.CreateLogger<TableStateStore>());
        _ledger = new TableAlertLedger(account);
    }

    public Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken) => _billing.GetAsync(key, cancellationToken);

    public Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken) => _billing.SetAsync(key, value, cancellationToken);

    public Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken) => _billing.ReleaseAsync(key, problem, cancellationToken);

    public Task<GuardMemory> LoadAsync(string policyName, CancellationToken cancellationToken) => _memory.LoadAsync(policyName, cancellationToken);

    public Task SaveAsync(string policyName, GuardMemory memory, CancellationToken cancellationToken) => _memory.SaveAsync(policyName, memory, cancellationToken);

    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) => _audit.AppendAsync(records, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken) => _audit.ReadAsync(since, limit, cancellationToken);

    /// <summary>
    /// One account's audit records in [<paramref name="from"/>, <paramref name="to"/>), oldest first, at most
    /// <paramref name="limit"/> (the account compared case-insensitively): one query on the account's partition.
    /// </summary>
    public Task<IReadOnlyList<AuditRecord>> ReadAccountAsync(string cloud, string account, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        _audit.ReadAccountAsync(cloud, account, from, to, limit, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> ReadLatestActionsAsync(int limit, CancellationToken cancellationToken) =>
        _audit.ReadLatestActionsAsync(limit, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> ReadActionsAsync(IReadOnlyCollection<string> actionIds, CancellationToken cancellationToken) =>
        _audit.ReadActionsAsync(actionIds, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> ReadOpenIntentsAsync(string policy, string cloud, string account, CancellationToken cancellationToken) =>
        _audit.ReadOpenIntentsAsync(policy, cloud, account, cancellationToken);

    public Task<DateTimeOffset?> LastSentAsync(string route, string dedupKey, CancellationToken cancellationToken) => _ledger.LastSentAsync(route, dedupKey, cancellationToken);

    public Task RecordSentAsync(string route, string dedupKey, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        _ledger.RecordSentAsync(route, dedupKey, sentAt, cancellationToken);

    public Task SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken) => _ledger.SavePendingAsync(delivery, cancellationToken);

    public Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken) => _ledger.ListPendingAsync(cancellationToken);

    public Task RemovePendingAsync(string id, CancellationToken cancellationToken) => _ledger.RemovePendingAsync(id, cancellationToken);
}
