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
    /// Applies actions of one account. Just before the changing calls it re-reads the instances (one list call per
    /// region) and asks <see cref="Sweeps.ActTimeCheck"/> whether each decision still holds (state, exemption, orphan
    /// mark, required tags); only <c>Proceed</c> actions are sent. Returns one outcome per action, in order.
    /// Cancellation stops new changing calls: a call already sent is awaited and its outcome returned, actions not yet
    /// sent come back <see cref="ActionStatus.Skipped"/> ("interrupted before sending"), so the sweep can record every
    /// outcome of what reached the cloud.
    /// </summary>
    Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken);
}
