namespace CostGuard.Status;

/// <summary>The last sweep's figures per (policy, account) (Table Storage in the Functions app).</summary>
public interface IAccountStatusStore
{
    /// <summary>Replaces the account's status with a newer one (an older sweep never overwrites a newer one).</summary>
    Task SaveAsync(AccountStatus status, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountStatus>> ReadAsync(CancellationToken cancellationToken);
}
