namespace CostGuard.Alerts;

/// <summary>Waits between delivery attempts; injectable so retry tests never sleep for real.</summary>
public interface IRetryDelay
{
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}
