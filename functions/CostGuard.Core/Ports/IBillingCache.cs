namespace CostGuard.Ports;

/// <summary>
/// Caches billing API answers (Cost Explorer, Cost Management): each request costs money or quota. A store may make
/// <see cref="GetAsync"/> a single flight: a miss (or a stale answer) then elects the caller to fetch, and other callers
/// wait for its answer. The elected caller ends its fetch with <see cref="SetAsync"/> on success or
/// <see cref="ReleaseAsync"/> on failure or cancellation; it must always do one of the two.
/// </summary>
public interface IBillingCache
{
    /// <summary>
    /// The cached answer (fresh, or stale/null when this caller is to fetch). Throws <see cref="BillingFetchFailedException"/>
    /// when a fetch of this key failed a moment ago (its failure is remembered briefly, so N sweeps do not each repeat a
    /// denied or throttled call) or failed while this caller waited for it.
    /// </summary>
    Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a fetched answer (and ends this caller's fetch of <paramref name="key"/>).</summary>
    Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken);

    /// <summary>
    /// Ends this caller's fetch of <paramref name="key"/> without an answer, at once, so nobody waits for it. With a
    /// <paramref name="problem"/> (the fetch failed) the failure is remembered briefly and reported by <see cref="GetAsync"/>;
    /// without one (cancelled) the next caller simply fetches. Never throws for a storage failure of its own: the caller is
    /// already handling the fetch's failure.
    /// </summary>
    Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken);
}
