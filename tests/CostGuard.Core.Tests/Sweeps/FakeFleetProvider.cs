using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>Hand-written provider fake: canned reads per account, records what it was asked to apply.</summary>
internal sealed class FakeFleetProvider(CloudKind cloud) : ICloudFleetProvider
{
    public Dictionary<string, Func<AccountScope, AccountReadResult>> Reads { get; } = new(StringComparer.Ordinal);

    public List<(string Account, IReadOnlyList<PlannedAction> Actions)> Applied { get; } = [];

    public ActionStatus ApplyStatus { get; set; } = ActionStatus.Applied;

    public CloudKind Cloud => cloud;

    public Task<AccountReadResult> ReadAccountAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Reads[account.Id](account));

    public Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        lock (Applied)
        {
            Applied.Add((account.Id, actions));
        }

        return Task.FromResult<IReadOnlyList<ActionOutcome>>(actions.Select(a => new ActionOutcome(a, ApplyStatus, ApplyStatus == ActionStatus.Applied ? null : "refused")).ToList());
    }
}
