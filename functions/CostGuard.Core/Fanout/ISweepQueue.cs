namespace CostGuard.Fanout;

/// <summary>The account-sweep queue (<c>costguard-sweeps</c>).</summary>
public interface ISweepQueue
{
    /// <summary>Enqueues one message, invisible for <paramref name="visibilityDelay"/> (zero: visible at once).</summary>
    Task EnqueueAsync(SweepMessage message, TimeSpan visibilityDelay, CancellationToken cancellationToken);
}
