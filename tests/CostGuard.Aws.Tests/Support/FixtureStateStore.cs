using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Ports;

namespace CostGuard.Aws.Support;

/// <summary>Hand-written in-memory state store for sweep-level tests of the AWS adapter.</summary>
internal sealed class FixtureStateStore : IStateStore
{
    private readonly InMemoryBillingCache _billing = new();

    public List<AuditRecord> Audit { get; } = [];

    public GuardMemory Memory { get; private set; } = GuardMemory.Empty;

    public Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken) => _billing.GetAsync(key, cancellationToken);

    public Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken) => _billing.SetAsync(key, value, cancellationToken);

    public Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken) => _billing.ReleaseAsync(key, problem, cancellationToken);

    public Task<GuardMemory> LoadAsync(string policyName, CancellationToken cancellationToken) => Task.FromResult(Memory);

    public Task SaveAsync(string policyName, GuardMemory memory, CancellationToken cancellationToken)
    {
        Memory = memory;
        return Task.CompletedTask;
    }

    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        lock (Audit)
        {
            AppendUnique(records);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditRecord>>(Audit.Take(limit).ToList());

    public Task<IReadOnlyList<AuditRecord>> ReadLatestActionsAsync(int limit, CancellationToken cancellationToken)
    {
        lock (Audit)
        {
            return Task.FromResult<IReadOnlyList<AuditRecord>>(Audit.Where(AuditActions.Includes).Reverse().OrderByDescending(r => r.Time).Take(limit).ToList());
        }
    }

    public Task<IReadOnlyList<AuditRecord>> ReadActionsAsync(IReadOnlyCollection<string> actionIds, CancellationToken cancellationToken)
    {
        var ids = actionIds.ToHashSet(StringComparer.Ordinal);
        lock (Audit)
        {
            return Task.FromResult<IReadOnlyList<AuditRecord>>(Audit
                .Where(r => r.ActionId is not null && ids.Contains(r.ActionId) && r.Kind is AuditKinds.Intent or AuditKinds.Outcome)
                .ToList());
        }
    }

    public Task<IReadOnlyList<AuditRecord>> ReadOpenIntentsAsync(string policy, string cloud, string account, CancellationToken cancellationToken)
    {
        lock (Audit)
        {
            var closed = Audit.Where(r => r.Kind == AuditKinds.Outcome && r.ActionId is not null).Select(r => r.ActionId!).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<AuditRecord>>(Audit
                .Where(r => r.Kind == AuditKinds.Intent && r.ActionId is not null && !closed.Contains(r.ActionId)
                    && r.Policy == policy && r.Cloud == cloud && string.Equals(r.Account, account, StringComparison.OrdinalIgnoreCase))
                .ToList());
        }
    }

    // The store contract: a record whose (action id, kind) is already logged is not appended again.
    private void AppendUnique(IReadOnlyList<AuditRecord> records)
    {
        foreach (var record in records)
        {
            if (record.ActionId is null || !Audit.Any(r => r.ActionId == record.ActionId && r.Kind == record.Kind))
            {
                Audit.Add(record);
            }
        }
    }

    public Task<DateTimeOffset?> LastSentAsync(string route, string dedupKey, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    public Task RecordSentAsync(string route, string dedupKey, DateTimeOffset sentAt, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PendingDelivery>>([]);

    public Task RemovePendingAsync(string id, CancellationToken cancellationToken) => Task.CompletedTask;
}
