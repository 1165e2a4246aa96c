using System.Collections.Concurrent;
using CostGuard.Policies;
using CostGuard.Policies.Loading;

namespace CostGuard.Fanout;

/// <summary>
/// Parsed policies by content hash: schema validation runs once per version per instance, not on every
/// one-minute tick or every queue message. A version's text never changes, so entries never go stale.
/// </summary>
public sealed class PolicyCache
{
    private readonly ConcurrentDictionary<string, PolicyLoadResult> _byHash = new(StringComparer.Ordinal);

    public PolicyLoadResult Load(string hash, string content, string displayName) =>
        _byHash.GetOrAdd(hash, _ => PolicyLoader.Load(content, displayName));

    public Policy? Get(string hash) => _byHash.TryGetValue(hash, out var result) ? result.Policy : null;
}
