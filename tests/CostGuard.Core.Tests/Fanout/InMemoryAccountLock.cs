using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Fanout;

/// <summary>Hand-written account lock: one holder per account until released; <see cref="Steal"/> makes renewals fail.</summary>
internal sealed class InMemoryAccountLock(TimeProvider time) : IAccountLock
{
    private readonly Dictionary<(CloudKind, string), Lease> _held = [];

    public Task<IAccountLease?> TryAcquireAsync(CloudKind cloud, string account, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_held)
        {
            var key = (cloud, account.ToUpperInvariant());
            if (_held.TryGetValue(key, out var current) && current.Holder != holder)
            {
                return Task.FromResult<IAccountLease?>(null);
            }

            var lease = new Lease(this, key, holder, time.GetUtcNow() + duration);
            _held[key] = lease;
            return Task.FromResult<IAccountLease?>(lease);
        }
    }

    /// <summary>Another holder takes the account: the current lease's renewals return false from now on.</summary>
    public void Steal(CloudKind cloud, string account)
    {
        lock (_held)
        {
            _held[(cloud, account.ToUpperInvariant())] = new Lease(this, (cloud, account.ToUpperInvariant()), "thief", DateTimeOffset.MaxValue);
        }
    }

    private bool Owns(Lease lease)
    {
        lock (_held)
        {
            return _held.TryGetValue(lease.Key, out var current) && ReferenceEquals(current, lease);
        }
    }

    private void Release(Lease lease)
    {
        lock (_held)
        {
            if (_held.TryGetValue(lease.Key, out var current) && ReferenceEquals(current, lease))
            {
                _held.Remove(lease.Key);
            }
        }
    }

    private sealed class Lease(InMemoryAccountLock owner, (CloudKind, string) key, string holder, DateTimeOffset expiresAt) : IAccountLease
    {
        public (CloudKind, string) Key => key;

        public string Holder => holder;

        public DateTimeOffset ExpiresAt => expiresAt;

        public Task<bool> RenewAsync(CancellationToken cancellationToken) => Task.FromResult(owner.Owns(this));

        public ValueTask DisposeAsync()
        {
            owner.Release(this);
            return ValueTask.CompletedTask;
        }
    }
}
