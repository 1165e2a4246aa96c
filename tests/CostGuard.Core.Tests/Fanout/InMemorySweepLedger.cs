namespace CostGuard.Fanout;

/// <summary>Hand-written scheduler ledger with the port's rules: first claimant wins, a stale unmarked claim is taken over.</summary>
internal sealed class InMemorySweepLedger : ISweepLedger
{
    private readonly Dictionary<(string Sweep, string Cloud, string Account), (DateTimeOffset ClaimedAt, bool Enqueued)> _entries = [];
    private readonly HashSet<string> _complete = new(StringComparer.Ordinal);

    public Task<bool> IsSweepEnqueuedAsync(string sweepId, CancellationToken cancellationToken) => Task.FromResult(_complete.Contains(sweepId));

    public Task<ClaimResult> TryClaimAsync(string sweepId, string cloud, string account, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var key = (sweepId, cloud, account);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Enqueued)
            {
                return Task.FromResult(ClaimResult.AlreadyEnqueued);
            }

            if (now - entry.ClaimedAt <= staleAfter)
            {
                return Task.FromResult(ClaimResult.HeldByOther);
            }
        }

        _entries[key] = (now, false);
        return Task.FromResult(ClaimResult.Claimed);
    }

    public Task MarkEnqueuedAsync(string sweepId, string cloud, string account, CancellationToken cancellationToken)
    {
        var key = (sweepId, cloud, account);
        _entries[key] = (_entries[key].ClaimedAt, true);
        return Task.CompletedTask;
    }

    public Task MarkSweepEnqueuedAsync(string sweepId, CancellationToken cancellationToken)
    {
        _complete.Add(sweepId);
        return Task.CompletedTask;
    }

    /// <summary>Leaves a claim as a tick that died before enqueueing would.</summary>
    public void ClaimWithoutEnqueueing(string sweepId, string cloud, string account, DateTimeOffset at) => _entries[(sweepId, cloud, account)] = (at, false);
}
