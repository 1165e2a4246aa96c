using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Fanout;

/// <summary>
/// Holds <see cref="ApplyAsync"/> at its start until <see cref="Release"/> (the sweep is acting), reports when the sweep's
/// token is cancelled, then passes the call on, cancellation and all, to the inner provider unless it was cancelled.
/// </summary>
internal sealed class GatedFleetProvider(ICloudFleetProvider inner) : ICloudFleetProvider
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public Task Cancelled => _cancelled.Task;

    public CloudKind Cloud => inner.Cloud;

    public void Release() => _released.TrySetResult();

    public Task<AccountReadResult> ReadAccountAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ReadAccountAsync(policy, account, now, cancellationToken);

    public async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => _cancelled.TrySetResult());
        _entered.TrySetResult();
        await _released.Task.ConfigureAwait(false);

        // As a provider must: a sweep told to stop sends nothing new.
        return cancellationToken.IsCancellationRequested
            ? [.. actions.Select(ActionOutcome.Interrupted)]
            : await inner.ApplyAsync(policy, account, actions, cancellationToken).ConfigureAwait(false);
    }
}
