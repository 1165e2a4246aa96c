namespace CostGuard.Ports;

/// <summary>Caches billing API answers (Cost Explorer, Cost Management): each request costs money or quota.</summary>
public interface IBillingCache
{
    Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken);
}
