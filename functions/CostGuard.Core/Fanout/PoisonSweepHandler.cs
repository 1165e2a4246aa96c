using CostGuard.Engine;
using CostGuard.Logging;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Fanout;

/// <summary>
/// The poison queue trigger's one service: a sweep message the queue gave up on (after its max dequeue count) raises a
/// <c>guard-failure</c> alert naming the account and the last error its sweeps recorded.
/// </summary>
public sealed class PoisonSweepHandler(
    PolicyCatalog catalog,
    ISweepHealthStore health,
    IAlertNotifier? notifier,
    TimeProvider time,
    ILogger<PoisonSweepHandler> logger)
{
    /// <summary>Handles one poison message; returns the alert raised (null when the message could not be read).</summary>
    public async Task<PlannedAlert?> HandleAsync(string text, int dequeueCount, CancellationToken cancellationToken)
    {
        SweepMessage message;
        try
        {
            message = SweepMessage.Parse(text);
        }
        catch (FormatException ex)
        {
            Log.PoisonUnreadable(logger, text.Length, ex.Message);
            return null;
        }

        var lastError = await LastErrorAsync(message, cancellationToken).ConfigureAwait(false);
        Log.Poisoned(logger, message.SweepId, message.Cloud, message.Account, lastError);
        var policy = await catalog.GetVersionAsync(message.PolicyHash, message.Policy, cancellationToken).ConfigureAwait(false)
            ?? (await catalog.ReadInForceAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Policy.Name == message.Policy)?.Policy;
        var cloud = Enum.TryParse<CloudKind>(message.Cloud, ignoreCase: true, out var parsed) ? parsed : CloudKind.Aws;
        var alert = GuardAlerts.Critical(
            AlertKind.GuardFailure,
            cloud,
            message.Account,
            $"CostGuard gave up on sweep {message.SweepId} of {message.Cloud} account {message.Account} after {dequeueCount} attempts "
            + $"(moved to costguard-sweeps-poison); the account was not guarded by that sweep. Last error: {lastError}",
            $"guard-failure:poison:{message.SweepId}:{message.Cloud}:{message.Account}");
        if (policy is not null)
        {
            await GuardAlerts.RaiseAsync(notifier, policy, alert, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return alert;
    }

    private async Task<string> LastErrorAsync(SweepMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var healths = await health.ReadAsync(message.Policy, cancellationToken).ConfigureAwait(false);
            var mine = healths.FirstOrDefault(h => h.Cloud == message.Cloud && string.Equals(h.Account, message.Account, StringComparison.OrdinalIgnoreCase));
            return mine?.LastError ?? "no error was recorded (the sweep may have timed out or the worker stopped)";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"unknown (reading the account's health failed: {ex.Message})";
        }
    }
}
