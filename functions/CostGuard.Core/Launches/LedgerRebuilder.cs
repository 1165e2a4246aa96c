using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Launches;

/// <summary>
/// Rebuilds a missing or stale ledger once per account, however many launch events find it so at once: the first
/// claims the rebuild inside the ledger's own atomic update (an ETag write or a SQLite transaction, so the claim holds
/// across processes and Functions instances), reads the whole account and writes the rebuilt ledger; the others re-read
/// the ledger until it is fresh and judge against it. A claim whose holder died expires and is taken over.
/// </summary>
internal sealed class LedgerRebuilder(
    IBurnLedger ledger, IReadOnlyDictionary<CloudKind, ICloudFleetProvider> providers, LedgerRebuildOptions options, TimeProvider time)
{
    /// <summary>
    /// Null when the ledger is (or became, by another event or a sweep) fresh: judge against it. Otherwise the ledger
    /// this event rebuilt and wrote (in dry-run: built in memory, nothing written), with the cap stops still to apply.
    /// </summary>
    public async Task<LedgerRebuildOutcome?> RebuildIfStaleAsync(
        Policy policy, AccountScope scope, GuardMemory memory, bool enforce, CancellationToken cancellationToken)
    {
        var current = await ledger.ReadAsync(scope.Cloud, scope.Id, cancellationToken).ConfigureAwait(false);
        if (!LedgerRebuild.IsStale(current, policy, time.GetUtcNow()))
        {
            return null;
        }

        if (!providers.TryGetValue(scope.Cloud, out var provider))
        {
            throw new LaunchProcessingException($"the ledger of {scope.Id} is missing or stale and no {PlanWords.Cloud(scope.Cloud)} provider is configured to rebuild it");
        }

        if (!enforce)
        {
            // Dry-run writes nothing, not even a claim: each event judges against its own rebuild.
            return await BuildAsync(provider, policy, scope, memory, cancellationToken).ConfigureAwait(false);
        }

        for (var poll = 0; ; poll++)
        {
            var now = time.GetUtcNow();
            if (!LedgerRebuild.IsStale(current, policy, now))
            {
                return null;
            }

            if (!HeldByAnother(current, now))
            {
                var claim = new LedgerRebuildClaim(Guid.NewGuid().ToString("N"), now);
                var attempt = await ledger.UpdateAsync(scope.Cloud, scope.Id, latest => Claim(latest, policy, scope, claim), cancellationToken).ConfigureAwait(false);
                if (attempt.Result == RebuildClaimResult.Fresh)
                {
                    return null;
                }

                if (attempt.Result == RebuildClaimResult.Claimed
                    && await RebuildClaimedAsync(provider, policy, scope, memory, claim, cancellationToken).ConfigureAwait(false) is { } rebuilt)
                {
                    return rebuilt;
                }
            }

            if (poll >= options.MaxPolls)
            {
                throw new LaunchProcessingException(
                    $"the ledger of {scope.Id} is being rebuilt by another event and was still stale after {options.WaitLimit.TotalSeconds:0} s; the event is retried");
            }

            await options.PauseAsync(cancellationToken).ConfigureAwait(false);
            current = await ledger.ReadAsync(scope.Cloud, scope.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<LedgerRebuildOutcome?> RebuildClaimedAsync(
        ICloudFleetProvider provider, Policy policy, AccountScope scope, GuardMemory memory, LedgerRebuildClaim claim, CancellationToken cancellationToken)
    {
        LedgerRebuildOutcome built;
        try
        {
            built = await BuildAsync(provider, policy, scope, memory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Let the waiters (or this event's retry) claim it at once rather than after the claim expires.
            await ReleaseAsync(scope, claim).ConfigureAwait(false);
            throw;
        }

        var written = await ledger.UpdateAsync(scope.Cloud, scope.Id, latest =>
            LedgerRebuild.IsStale(latest, policy, built.Ledger.SyncedAt ?? claim.ClaimedAt) && latest?.Rebuild?.Owner == claim.Owner
                ? new LedgerChange<bool>(built.Ledger, true)
                : new LedgerChange<bool>(null, false), cancellationToken).ConfigureAwait(false);

        // Not written: a sweep rewrote the ledger meanwhile, or this claim expired and another event took it over.
        return written.Result ? built : null;
    }

    /// <summary>Reads the whole account and judges it with the sweep's own rule: launches the inventory already shows are judged together.</summary>
    private async Task<LedgerRebuildOutcome> BuildAsync(
        ICloudFleetProvider provider, Policy policy, AccountScope scope, GuardMemory memory, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var read = await provider.ReadAccountAsync(policy, scope, now, cancellationToken).ConfigureAwait(false);
        if (!read.Complete || read.Snapshot is null)
        {
            throw new LaunchProcessingException(
                $"the ledger of {scope.Id} is missing or stale and the account's inventory could not be read completely: {string.Join("; ", read.Problems)}");
        }

        var plan = new DecisionEngine().Evaluate(policy, new FleetSnapshot { Accounts = [read.Snapshot], Memory = memory }, now);
        var stops = plan.Actions.Where(a => a.IsDisruptive && a.Reason is ActionReason.BurnCap or ActionReason.MonthlyCap).ToList();
        var rebuilt = LedgerRebuild.FromInventory(policy, read.Snapshot, stops, now);
        var burnBefore = plan.Accounts.Count > 0 ? plan.Accounts[0].BurnUsdPerHour : rebuilt.BurnUsdPerHour;
        return new LedgerRebuildOutcome(rebuilt, stops, [], burnBefore);
    }

    private async Task ReleaseAsync(AccountScope scope, LedgerRebuildClaim claim)
    {
        try
        {
            await ledger.UpdateAsync(scope.Cloud, scope.Id, latest => latest?.Rebuild?.Owner == claim.Owner
                ? new LedgerChange<bool>(latest with { Rebuild = null }, true)
                : new LedgerChange<bool>(null, false), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is failing too: the claim simply expires after its lifetime.
        }
    }

    private LedgerChange<RebuildClaimResult> Claim(BurnLedgerState? latest, Policy policy, AccountScope scope, LedgerRebuildClaim claim)
    {
        if (!LedgerRebuild.IsStale(latest, policy, claim.ClaimedAt))
        {
            return new LedgerChange<RebuildClaimResult>(null, RebuildClaimResult.Fresh);
        }

        if (HeldByAnother(latest, claim.ClaimedAt))
        {
            return new LedgerChange<RebuildClaimResult>(null, RebuildClaimResult.Busy);
        }

        // A missing ledger is entered as an empty, never-synced one: still stale to everyone, but claimed.
        var claimed = (latest ?? BurnLedgerState.Empty(scope.Cloud, scope.Id)) with { Rebuild = claim };
        return new LedgerChange<RebuildClaimResult>(claimed, RebuildClaimResult.Claimed);
    }

    private bool HeldByAnother(BurnLedgerState? current, DateTimeOffset now) =>
        current?.Rebuild is { } held && now - held.ClaimedAt < options.ClaimLifetime;
}
