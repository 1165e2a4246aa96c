using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>Hand-written notifier fake: records batches, or throws when told to.</summary>
internal sealed class RecordingNotifier : IAlertNotifier
{
    public List<AlertBatch> Batches { get; } = [];

    public bool Throw { get; set; }

    public Task<DeliveryReport> DeliverAsync(Policy policy, AlertBatch batch, CancellationToken cancellationToken)
    {
        if (Throw)
        {
            throw new HttpRequestException("slack is down");
        }

        Batches.Add(batch);
        return Task.FromResult(new DeliveryReport([new DeliveryResult("default", "slack", true, 1)]));
    }
}
