using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Functions.Support;

/// <summary>An in-process account lock with expiring leases on the injected clock (stands in until the blob-lease lock is composed).</summary>
internal sealed class MemoryAccountLock(TimeProvider time) : IAccountLock
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Holder, DateTimeOffset Until)> _leases = new(StringComparer.OrdinalIgnoreCase);

    public Task<IAccountLease?> TryAcquireAsync(CloudKind cloud, string account, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var key = $"{cloud}/{account}";
        lock (_gate)
        {
            if (_leases.TryGetValue(key, out var lease) && lease.Until > time.GetUtcNow() && lease.Holder != holder)
            {
                return Task.FromResult<IAccountLease?>(null);
            }

            _leases[key] = (holder, time.GetUtcNow() + duration);
            return Task.FromResult<IAccountLease?>(new Lease(this, key, holder, duration));
        }
    }

    private sealed class Lease(MemoryAccountLock owner, string key, string holder, TimeSpan duration) : IAccountLease
    {
        public string Holder => holder;

        public DateTimeOffset ExpiresAt => owner._leases[key].Until;

        public Task<bool> RenewAsync(CancellationToken cancellationToken)
        {
            lock (owner._gate)
            {
                if (owner._leases.TryGetValue(key, out var lease) && lease.Holder == holder)
                {
                    owner._leases[key] = (holder, owner.Now() + duration);
                    return Task.FromResult(true);
                }

                return Task.FromResult(false);
            }
        }

        public ValueTask DisposeAsync()
        {
            lock (owner._gate)
            {
                if (owner._leases.TryGetValue(key, out var lease) && lease.Holder == holder)
                {
                    owner._leases.Remove(key);
                }
            }

            return ValueTask.CompletedTask;
        }
    }

    private DateTimeOffset Now() => time.GetUtcNow();
}
