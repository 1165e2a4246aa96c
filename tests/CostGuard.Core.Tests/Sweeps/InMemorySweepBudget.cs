using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>Hand-written sweep budget: one remaining count per sweep id, one grant per claimant (replays get the same).</summary>
internal sealed class InMemorySweepBudget : ISweepBudget
{
    private readonly Dictionary<(string Sweep, string Claimant), int> _grants = [];

    public List<(string SweepId, string Claimant, int Wanted)> Claims { get; } = [];

    public Task<int> ClaimAsync(string sweepId, string claimant, int limit, int wanted, CancellationToken cancellationToken)
    {
        lock (_grants)
        {
            Claims.Add((sweepId, claimant, wanted));
            if (_grants.TryGetValue((sweepId, claimant), out var earlier))
            {
                return Task.FromResult(earlier);
            }

            var used = _grants.Where(g => g.Key.Sweep == sweepId).Sum(g => g.Value);
            var granted = Math.Max(0, Math.Min(wanted, limit - used));
            _grants[(sweepId, claimant)] = granted;
            return Task.FromResult(granted);
        }
    }
}
