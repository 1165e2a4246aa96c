using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>One cloud's adapter: reads an account's GPU fleet and applies planned actions to it.</summary>
public interface ICloudFleetProvider
{
    CloudKind Cloud { get; }

    /// <summary>
    /// Reads inventory, prices, utilization over the idle window and month-to-date spend of one account.
    /// Never throws for cloud errors: failures come back in the result so other accounts go on.
    /// </summary>
    Task<AccountReadResult> ReadAccountAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Applies actions of one account, each checked against the instance's current state first
    /// (stopping a stopped instance is a no-op). Returns one outcome per action, in order.
    /// </summary>
    Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken);
}
