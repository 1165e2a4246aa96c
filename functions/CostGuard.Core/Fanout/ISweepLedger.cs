namespace CostGuard.Fanout;

/// <summary>
/// The scheduler's idempotency ledger: one insert-only entry per (sweep id, account), written before the message is
/// enqueued and marked enqueued after, so two ticks (timer catch-up, two instances) never enqueue one sweep twice and
/// a crash between claim and enqueue is recovered by a later tick.
/// </summary>
public interface ISweepLedger
{
    /// <summary>True when every message of the sweep is known to be enqueued (one read per policy per tick).</summary>
    Task<bool> IsSweepEnqueuedAsync(string sweepId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the (sweep, account) entry: <see cref="ClaimResult.Claimed"/> for the first claimant, and for a later one when the entry was claimed
    /// more than <paramref name="staleAfter"/> ago and never marked enqueued (the claimant died before enqueueing).
    /// </summary>
    Task<ClaimResult> TryClaimAsync(string sweepId, string cloud, string account, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken);

    Task MarkEnqueuedAsync(string sweepId, string cloud, string account, CancellationToken cancellationToken);

    Task MarkSweepEnqueuedAsync(string sweepId, CancellationToken cancellationToken);
}
