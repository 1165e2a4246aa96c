using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Functions.Support;

/// <summary>
/// Passes every call to the real provider and completes <see cref="Cancelled"/> the moment the sweep's token handed to
/// <see cref="ApplyAsync"/> is cancelled: the observable point at which the sweep has learned it must stop sending.
/// </summary>
internal sealed class CancellationObservingProvider(ICloudFleetProvider inner) : ICloudFleetProvider
{
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Cancelled => _cancelled.Task;

    public CloudKind Cloud => inner.Cloud;

    public Task<AccountReadResult> ReadAccountAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ReadAccountAsync(policy, account, now, cancellationToken);

    public Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        cancellationToken.Register(() => _cancelled.TrySetResult());
        return inner.ApplyAsync(policy, account, actions, cancellationToken);
    }
}
