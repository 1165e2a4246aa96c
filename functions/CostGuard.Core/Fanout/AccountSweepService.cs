using CostGuard.Engine;
using CostGuard.Hosting;
using CostGuard.Logging;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Status;
using CostGuard.Sweeps;
using CostGuard.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostGuard.Fanout;

/// <summary>
/// The queue trigger's one service: sweeps one (policy, account) under the account's lease (renewed while it works),
/// with the policy version the message names, claiming disruptive actions from the sweep's shared budget; records the
/// account's health and status and raises <c>guard-unhealthy</c> after N failures in a row.
/// </summary>
public sealed class AccountSweepService(
    PolicyCatalog catalog,
    IAccountLock accountLock,
    ISweepQueue queue,
    ISweepHealthStore health,
    IAccountStatusStore status,
    Func<GuardSweep> sweeps,
    ISweepBudget budget,
    IAlertNotifier? notifier,
    CostGuardMetrics metrics,
    TimeProvider time,
    IOptions<GuardOptions> options,
    ILogger<AccountSweepService> logger,
    IBurnLedger? burnLedger = null)
{
    private readonly GuardOptions _options = options.Value;

    /// <param name="holder">Who holds the lease while this runs (the queue message id and the instance).</param>
    public async Task<AccountSweepOutcome> RunAsync(SweepMessage message, string holder, CancellationToken cancellationToken)
    {
        var policy = await catalog.GetVersionAsync(message.PolicyHash, message.Policy, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            Log.PolicyVersionGone(logger, message.SweepId, message.Cloud, message.Account, message.PolicyHash);
            return AccountSweepOutcome.Skipped;
        }

        var account = policy.Accounts.FirstOrDefault(a => PlanWords.Cloud(a.Cloud) == message.Cloud
            && string.Equals(a.Id, message.Account, StringComparison.OrdinalIgnoreCase));
        if (account is null)
        {
            Log.AccountNotInPolicy(logger, message.SweepId, message.Cloud, message.Account);
            return AccountSweepOutcome.Skipped;
        }

        var lease = await accountLock.TryAcquireAsync(account.Cloud, account.Id, holder, _options.LockDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            // Never dropped, never acted on twice: the holder finishes, this copy comes back after the delay.
            await queue.EnqueueAsync(message with { Requeues = message.Requeues + 1 }, _options.LockedRetryDelay, cancellationToken).ConfigureAwait(false);
            Log.AccountLocked(logger, message.Cloud, message.Account, message.SweepId, _options.LockedRetryDelay);
            return AccountSweepOutcome.Requeued;
        }

        await using (lease.ConfigureAwait(false))
        {
            return await SweepLockedAsync(message, policy, account, lease, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AccountSweepOutcome> SweepLockedAsync(
        SweepMessage message, Policy policy, AccountScope account, IAccountLease lease, CancellationToken cancellationToken)
    {
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewal = new LeaseRenewal(lease, _options.LockDuration / 3, time, leaseLost);
        var renewing = renewal.RunAsync();
        SweepResult result;
        try
        {
            result = await RunSweepAsync(message, policy, account, leaseLost.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!renewal.Lost)
        {
            // Recorded before rethrowing: the poison handler names this error once the queue gives up on the message.
            await RecordAsync(message, policy, succeeded: false, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            throw await LeaseLostAsync(message, policy, ex).ConfigureAwait(false);
        }
        finally
        {
            await renewal.StopAsync(renewing).ConfigureAwait(false);
        }

        if (renewal.Lost)
        {
            // The sweep stopped sending when it learned (calls in flight completed and were audited), so its result is
            // partial: never ack it as a finished sweep, and leave the status and launch ledger to the new holder.
            throw await LeaseLostAsync(message, policy, inner: null).ConfigureAwait(false);
        }

        if (burnLedger is not null && result.Acting)
        {
            // Launch events judge against this ledger; the inventory of every enforcing sweep is its truth, whether or not it sent anything.
            var ledgerProblems = await Launches.LedgerSweepSync.RecordAsync(burnLedger, policy, result, cancellationToken).ConfigureAwait(false);
            result = result with { Problems = [.. result.Problems, .. ledgerProblems] };
        }

        var problem = SweepProblems.First(result);
        await RecordAsync(message, policy, result.Succeeded, problem, cancellationToken).ConfigureAwait(false);
        await SaveStatusAsync(message, policy, result, cancellationToken).ConfigureAwait(false);
        Log.AccountSwept(logger, message.SweepId, message.Cloud, message.Account, result.Succeeded ? "succeeded" : "failed", result.Outcomes.Count, result.Plan.Alerts.Count);
        return result.Succeeded ? AccountSweepOutcome.Succeeded : AccountSweepOutcome.Failed;
    }

    private async Task<AccountLeaseLostException> LeaseLostAsync(SweepMessage message, Policy policy, Exception? inner)
    {
        const string Error = "the account lease was lost while the sweep worked; it stopped sending and the message is retried";
        Log.LeaseLost(logger, message.Cloud, message.Account, message.SweepId);
        await RecordAsync(message, policy, succeeded: false, Error, CancellationToken.None).ConfigureAwait(false);
        var text = $"{message.Cloud} account {message.Account}, sweep {message.SweepId}: {Error}";
        return inner is null ? new AccountLeaseLostException(text) : new AccountLeaseLostException(text, inner);
    }

    private Task<SweepResult> RunSweepAsync(SweepMessage message, Policy policy, AccountScope account, CancellationToken cancellationToken) =>
        sweeps().RunAsync(
            policy,
            new SweepOptions
            {
                Act = true,
                MaxParallelAccounts = 1,
                SweepId = message.SweepId,
                Accounts = [account],
                Budget = budget,
                BudgetClaimant = $"{message.Cloud}:{account.Id}",
            },
            cancellationToken);

    private async Task RecordAsync(SweepMessage message, Policy policy, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        metrics.Sweep(policy.Name, message.Cloud, message.Account, succeeded);
        if (!succeeded)
        {
            Log.AccountSweepFailed(logger, message.SweepId, message.Cloud, message.Account, error ?? "unknown error");
        }

        SweepHealth after;
        try
        {
            after = await health.RecordAsync(policy.Name, message.Cloud, message.Account, time.GetUtcNow(), succeeded, succeeded ? null : error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HealthNotRecorded(logger, message.Cloud, message.Account, ex.Message);
            return;
        }

        // Exactly at the threshold: one alert per unhealthy streak, not one per further failure.
        if (!succeeded && after.FailuresInARow == _options.UnhealthyAfterFailures)
        {
            Log.AccountUnhealthy(logger, message.Cloud, message.Account, after.FailuresInARow);
            var cloud = policy.Accounts.First(a => PlanWords.Cloud(a.Cloud) == message.Cloud).Cloud;
            var text = $"{message.Cloud} account {message.Account} of policy '{policy.Name}' failed {after.FailuresInARow} sweeps in a row; last error: {error}";
            var alert = GuardAlerts.Critical(AlertKind.GuardUnhealthy, cloud, message.Account, text, $"guard-unhealthy:{message.Cloud}:{message.Account}:{after.LastSuccessAt?.ToUnixTimeSeconds() ?? 0}");
            await GuardAlerts.RaiseAsync(notifier, policy, alert, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveStatusAsync(SweepMessage message, Policy policy, SweepResult result, CancellationToken cancellationToken)
    {
        try
        {
            // Read-modify-write under the account's lease: a failed inventory read keeps the last good figures.
            var previous = await status.GetAsync(policy.Name, message.Cloud, message.Account, cancellationToken).ConfigureAwait(false);
            if (AccountStatusBuilder.Build(policy, message, result, time.GetUtcNow(), previous) is { } snapshot)
            {
                await status.SaveAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HealthNotRecorded(logger, message.Cloud, message.Account, ex.Message);
        }
    }
}
