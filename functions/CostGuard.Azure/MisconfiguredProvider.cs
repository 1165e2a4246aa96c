using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Azure;

/// <summary>Stands in for a provider whose settings are wrong: every account reports why, nothing is acted on.</summary>
internal sealed class MisconfiguredProvider(CloudKind cloud, string problem) : ICloudFleetProvider
{
    public CloudKind Cloud => cloud;

    public Task<AccountReadResult> ReadAccountAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(new AccountReadResult { Account = account, Complete = false, Problems = [$"not read: {problem}"] });

    public Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ActionOutcome>>(actions.Select(a => new ActionOutcome(a, ActionStatus.Skipped, problem)).ToList());
}
