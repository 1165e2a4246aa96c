using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Fanout;

/// <summary>Alerts the app raises outside an account sweep (policy-invalid, guard-unhealthy, guard-failure on poison).</summary>
public static class GuardAlerts
{
    /// <summary>Hands one alert to the notifier; delivery problems are reported, never thrown.</summary>
    public static async Task<DeliveryReport?> RaiseAsync(
        IAlertNotifier? notifier, Policy policy, PlannedAlert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (notifier is null)
        {
            return null;
        }

        try
        {
            return await notifier.DeliverAsync(policy, new AlertBatch { Time = now, Alerts = [alert] }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DeliveryReport([new DeliveryResult("*", "*", false, 0, $"{ex.GetType().Name}: {ex.Message}")]);
        }
    }

    public static PlannedAlert Critical(AlertKind kind, CloudKind cloud, string account, string message, string dedupKey) => new()
    {
        Kind = kind,
        Severity = AlertSeverity.Critical,
        Cloud = cloud,
        Account = account,
        Message = message,
        DedupKey = dedupKey,
    };
}
