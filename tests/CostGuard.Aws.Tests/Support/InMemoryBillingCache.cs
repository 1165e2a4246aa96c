using System.Collections.Concurrent;
using CostGuard.Ports;

namespace CostGuard.Aws.Support;

/// <summary>Hand-written billing cache fake.</summary>
internal sealed class InMemoryBillingCache : IBillingCache
{
    private readonly ConcurrentDictionary<string, CachedBilling> _values = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    public Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_values.TryGetValue(key, out var v) ? v : null);

    public Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken)
    {
        _values[key] = value;
        Writes++;
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken) => Task.CompletedTask;
}
