using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Functions.Support;

/// <summary>
/// Records every batch handed to Slack/Teams. With <see cref="HoldNext"/> the next delivery waits (inside the sweep, so
/// inside the account lease) until released: the synchronisation point of the lease-contention test.
/// </summary>
internal sealed class RecordingNotifier : IAlertNotifier
{
    private readonly Lock _gate = new();
    private readonly List<AlertBatch> _batches = [];
    private TaskCompletionSource? _entered;
    private TaskCompletionSource? _release;

    public IReadOnlyList<AlertBatch> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>Makes the next delivery wait; returns (entered, release).</summary>
    public (Task Entered, TaskCompletionSource Release) HoldNext()
    {
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (_entered.Task, _release);
    }

    public async Task<DeliveryReport> DeliverAsync(Policy policy, AlertBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batches.Add(batch);
        }

        var entered = Interlocked.Exchange(ref _entered, null);
        if (entered is not null)
        {
            entered.SetResult();
            await _release!.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }

        return new DeliveryReport([new DeliveryResult("test", "slack", true, 1)]);
    }
}
