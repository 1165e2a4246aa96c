using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>Delivers a sweep's alerts and action notices to Slack/Teams. Never throws for delivery failures.</summary>
public interface IAlertNotifier
{
    Task<DeliveryReport> DeliverAsync(Policy policy, AlertBatch batch, CancellationToken cancellationToken);
}
