using CostGuard.Status;

namespace CostGuard.Fanout;

/// <summary>Hand-written status store: the last snapshot per (policy, cloud, account).</summary>
internal sealed class InMemoryAccountStatusStore : IAccountStatusStore
{
    private readonly Dictionary<(string, string, string), AccountStatus> _rows = [];

    public Task SaveAsync(AccountStatus status, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            _rows[(status.Policy, status.Cloud, status.Account)] = status;
        }

        return Task.CompletedTask;
    }

    public Task<AccountStatus?> GetAsync(string policy, string cloud, string account, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult(_rows.GetValueOrDefault((policy, cloud, account)));
        }
    }

    public Task<IReadOnlyList<AccountStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult<IReadOnlyList<AccountStatus>>([.. _rows.Values]);
        }
    }
}
