using System.Collections.Concurrent;
using CostGuard.Ports;

namespace CostGuard.Azure.Fakes;

/// <summary>The billing cache port in memory (the SQLite store is another project).</summary>
internal sealed class InMemoryBillingCache : IBillingCache
{
    public ConcurrentDictionary<string, CachedBilling> Entries { get; } = new(StringComparer.Ordinal);

    public Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Entries.TryGetValue(key, out var value) ? value : null);

    public Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken)
    {
        Entries[key] = value;
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken) => Task.CompletedTask;
}
