using CostGuard.Engine;
using CostGuard.Logging;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using Microsoft.Extensions.Logging;

namespace CostGuard.Fanout;

/// <summary>
/// The timer's one service: loads the policies in force (an invalid upload never replaces the last good version) and
/// enqueues one message per (policy, account) for every policy whose <c>sweepInterval</c> slot has not been enqueued.
/// Only the current slot is swept: after an outage, sweeping slots that have passed would only re-read today's state.
/// </summary>
public sealed class SweepScheduler(
    PolicyCatalog catalog,
    ISweepLedger ledger,
    ISweepQueue queue,
    TimeProvider time,
    ILogger<SweepScheduler> logger)
{
    /// <summary>A claim older than this that was never marked enqueued belongs to a tick that died: take it over.</summary>
    public static readonly TimeSpan ClaimTakeoverAfter = TimeSpan.FromMinutes(2);

    public async Task<ScheduleResult> TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var policies = await catalog.RefreshAsync(now, cancellationToken).ConfigureAwait(false);
        var enqueued = new List<SweepMessage>();
        foreach (var scheduled in policies)
        {
            enqueued.AddRange(await ScheduleAsync(scheduled, now, cancellationToken).ConfigureAwait(false));
        }

        Log.Tick(logger, now, policies.Count, enqueued.Count);
        return new ScheduleResult(policies, enqueued);
    }

    private async Task<IReadOnlyList<SweepMessage>> ScheduleAsync(ScheduledPolicy scheduled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = scheduled.Policy;
        var sweepId = SweepIds.For(policy.Name, SweepIds.DueTime(now, policy.SweepInterval));
        if (policy.Accounts.Count == 0 || await ledger.IsSweepEnqueuedAsync(sweepId, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var sent = new List<SweepMessage>();
        var complete = true;
        foreach (var account in policy.Accounts)
        {
            var cloud = PlanWords.Cloud(account.Cloud);
            var claim = await ledger.TryClaimAsync(sweepId, cloud, account.Id, now, ClaimTakeoverAfter, cancellationToken).ConfigureAwait(false);
            if (claim == ClaimResult.HeldByOther)
            {
                complete = false;
                continue;
            }

            if (claim == ClaimResult.Claimed)
            {
                // Claim, enqueue, mark: a crash after the claim leaves an unmarked claim that a later tick takes over,
                // so the sweep is never lost; a rare duplicate message is harmless (account sweeps are idempotent).
                var message = Message(scheduled, sweepId, account);
                await queue.EnqueueAsync(message, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                await ledger.MarkEnqueuedAsync(sweepId, cloud, account.Id, cancellationToken).ConfigureAwait(false);
                sent.Add(message);
            }
        }

        if (complete)
        {
            await ledger.MarkSweepEnqueuedAsync(sweepId, cancellationToken).ConfigureAwait(false);
        }

        if (sent.Count > 0)
        {
            Log.SweepEnqueued(logger, sweepId, sent.Count);
        }

        return sent;
    }

    private static SweepMessage Message(ScheduledPolicy scheduled, string sweepId, AccountScope account) => new()
    {
        SweepId = sweepId,
        Policy = scheduled.Policy.Name,
        PolicyHash = scheduled.Hash,
        Cloud = PlanWords.Cloud(account.Cloud),
        Account = account.Id,
    };
}
