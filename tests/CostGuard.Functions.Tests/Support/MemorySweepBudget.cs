using CostGuard.Ports;

namespace CostGuard.Functions.Support;

/// <summary>An in-process sweep budget (stands in until the Table Storage budget is composed).</summary>
internal sealed class MemorySweepBudget : ISweepBudget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, int>> _grants = new(StringComparer.Ordinal);

    public Task<int> ClaimAsync(string sweepId, string claimant, int limit, int wanted, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_grants.TryGetValue(sweepId, out var grants))
            {
                _grants[sweepId] = grants = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            if (grants.TryGetValue(claimant, out var granted))
            {
                return Task.FromResult(granted);
            }

            var left = Math.Max(0, limit - grants.Values.Sum());
            grants[claimant] = Math.Min(left, wanted);
            return Task.FromResult(grants[claimant]);
        }
    }
}
