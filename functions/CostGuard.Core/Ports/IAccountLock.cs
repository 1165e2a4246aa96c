using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>
/// One sweep per account at a time. A lease expires on its own, so a crashed holder never blocks an account forever
/// (SQLite: a lease row with an expiry; Functions: a blob lease on <c>locks/&lt;cloud&gt;/&lt;account&gt;</c>).
/// </summary>
public interface IAccountLock
{
    /// <summary>Takes the account's lease for <paramref name="holder"/>, or returns null when another holder has it.</summary>
    Task<IAccountLease?> TryAcquireAsync(CloudKind cloud, string account, string holder, TimeSpan duration, CancellationToken cancellationToken);
}
