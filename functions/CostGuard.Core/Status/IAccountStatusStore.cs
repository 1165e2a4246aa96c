namespace CostGuard.Status;

/// <summary>The last sweep's figures per (policy, account) (Table Storage in the Functions app).</summary>
public interface IAccountStatusStore
{
    /// <summary>Replaces the account's status with a newer one (an older sweep never overwrites a newer one).</summary>
    Task SaveAsync(AccountStatus status, CancellationToken cancellationToken);

    /// <summary>One account's status, or null when none was saved yet (the sweep keeps its last good figures with it).</summary>
    Task<AccountStatus?> GetAsync(string policy, string cloud, string account, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountStatus>> ReadAsync(CancellationToken cancellationToken);
}
