namespace CostGuard.Ports;

/// <summary>
/// The safety limit (<c>maxActionsPerSweep</c>) is a blast-radius limit for a whole sweep of a policy, fanned out over
/// many account sweeps: each claims from one budget per sweep id (Table Storage with ETag optimistic concurrency;
/// SQLite in a transaction).
/// </summary>
public interface ISweepBudget
{
    /// <summary>
    /// Claims up to <paramref name="wanted"/> disruptive actions for <paramref name="claimant"/> (e.g. <c>aws:111122223333</c>)
    /// out of <paramref name="limit"/> for the sweep, and returns how many were granted. Idempotent per claimant: a replayed
    /// account sweep gets back what it was granted the first time, never a second share.
    /// </summary>
    Task<int> ClaimAsync(string sweepId, string claimant, int limit, int wanted, CancellationToken cancellationToken);
}
