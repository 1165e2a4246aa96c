namespace CostGuard.Azure.Http;

/// <summary>Waits; injected so retries, QPU backoff and LRO polling never sleep in tests.</summary>
public delegate Task AsyncDelay(TimeSpan delay, CancellationToken cancellationToken);
