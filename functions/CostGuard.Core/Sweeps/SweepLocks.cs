using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>The account leases of one sweep: taken before reading, renewed before acting, released at the end.</summary>
internal sealed class SweepLocks(IAccountLock? accountLock, string holder, TimeSpan duration) : IAsyncDisposable
{
    private readonly Dictionary<(CloudKind, string), IAccountLease> _leases = [];
    private readonly List<AccountScope> _refused = [];

    /// <summary>Accounts another sweep holds: neither read nor acted on.</summary>
    public IReadOnlyList<AccountScope> Refused => _refused;

    /// <summary>Takes each account's lease and returns the accounts this sweep may sweep (all of them without a lock).</summary>
    public async Task<IReadOnlyList<AccountScope>> AcquireAsync(IReadOnlyList<AccountScope> accounts, CancellationToken cancellationToken)
    {
        if (accountLock is null)
        {
            return accounts;
        }

        var swept = new List<AccountScope>(accounts.Count);
        foreach (var account in accounts)
        {
            var lease = await accountLock.TryAcquireAsync(account.Cloud, account.Id, holder, duration, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                _refused.Add(account);
            }
            else
            {
                _leases[Key(account)] = lease;
                swept.Add(account);
            }
        }

        return swept;
    }

    /// <summary>Renews the account's lease before acting; false when it was lost (the sweep then must not act there).</summary>
    public async Task<bool> RenewAsync(AccountScope account, CancellationToken cancellationToken) =>
        accountLock is null || (_leases.TryGetValue(Key(account), out var lease) && await lease.RenewAsync(cancellationToken).ConfigureAwait(false));

    public async ValueTask DisposeAsync()
    {
        foreach (var lease in _leases.Values)
        {
            try
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A lease that cannot be released expires on its own; the sweep's result stands.
            }
        }

        _leases.Clear();
    }

    private static (CloudKind, string) Key(AccountScope account) => (account.Cloud, account.Id.ToUpperInvariant());
}
