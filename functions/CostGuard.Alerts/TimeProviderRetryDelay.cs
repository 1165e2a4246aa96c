namespace CostGuard.Alerts;

/// <summary>The production delay: a timer of the injected <see cref="TimeProvider"/>.</summary>
public sealed class TimeProviderRetryDelay(TimeProvider timeProvider) : IRetryDelay
{
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, timeProvider, cancellationToken);
}
