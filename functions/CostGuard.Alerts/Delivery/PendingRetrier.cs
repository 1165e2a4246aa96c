using CostGuard.Alerts.Logging;
using CostGuard.Alerts.Routing;
using CostGuard.Ports;
using CostGuard.Time;
using Microsoft.Extensions.Logging;

namespace CostGuard.Alerts.Delivery;

/// <summary>
/// Retries the messages earlier runs could not deliver, before the new ones go out: the payload as it was, the URL
/// resolved again from the route's current setting. Drops what can no longer go anywhere or has waited too long.
/// </summary>
internal sealed class PendingRetrier(WebhookSender sender, SafeLedger ledger, AlertNotifierOptions options, ILogger logger)
{
    /// <summary>Identifies an alert on a route and channel, to leave it out of new messages while a pending one carries it.</summary>
    public static string Key(string ledgerRoute, string dedupKey) => $"{ledgerRoute}\n{dedupKey}";

    /// <summary>Retries every pending delivery, adding one result each; returns the keys of the alerts still pending.</summary>
    public async Task<HashSet<string>> RetryAsync(
        string policy, IReadOnlyList<RouteDestination> destinations, DateTimeOffset now, List<DeliveryResult> results, CancellationToken cancellationToken)
    {
        var stillPending = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pending in await ledger.ListPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (pending.Policy is not null && !string.Equals(pending.Policy, policy, StringComparison.Ordinal))
            {
                continue;
            }

            var destination = AlertChannelNames.TryParse(pending.Channel, out var channel)
                ? destinations.FirstOrDefault(d => d.Channel == channel && string.Equals(d.Route, pending.Route, StringComparison.Ordinal))
                : null;
            var dropReason = destination is null
                ? $"route {pending.Route}/{pending.Channel} is no longer configured"
                : now - pending.FirstFailedAt > options.PendingMaxAge ? $"undelivered for longer than {IsoDuration.Describe(options.PendingMaxAge)}" : null;
            if (dropReason is not null || destination is null)
            {
                Log.PendingDropped(logger, pending.Id, pending.Route, pending.Channel, dropReason ?? "?");
                await ledger.RemovePendingAsync(pending.Id, cancellationToken).ConfigureAwait(false);
                results.Add(new DeliveryResult(pending.Route, pending.Channel, false, 0, $"pending message dropped: {dropReason}"));
                continue;
            }

            results.Add(await RetryOneAsync(destination, pending, now, stillPending, cancellationToken).ConfigureAwait(false));
        }

        return stillPending;
    }

    private async Task<DeliveryResult> RetryOneAsync(
        RouteDestination destination, PendingDelivery pending, DateTimeOffset now, HashSet<string> stillPending, CancellationToken cancellationToken)
    {
        var sent = await sender.SendAsync(destination, pending.PayloadJson, cancellationToken).ConfigureAwait(false);
        if (sent.Succeeded)
        {
            Log.PendingDelivered(logger, pending.Id, pending.Route, pending.Channel, pending.Attempts);
            await ledger.RemovePendingAsync(pending.Id, cancellationToken).ConfigureAwait(false);
            await ledger.RecordAllSentAsync(destination.LedgerRoute, pending.DedupKeys, now, cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(pending.Route, pending.Channel, true, 1, null, sent.StatusCode);
        }

        var error = sent.Error ?? "delivery failed";
        if (sent.PayloadRejected)
        {
            await ledger.RemovePendingAsync(pending.Id, cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(pending.Route, pending.Channel, false, 0, $"{error} (pending message rejected; dropped)", sent.StatusCode);
        }

        await ledger.SavePendingAsync(pending with { Attempts = pending.Attempts + Math.Max(1, sent.Attempts), LastError = error }, cancellationToken)
            .ConfigureAwait(false);
        foreach (var key in pending.DedupKeys)
        {
            stillPending.Add(Key(destination.LedgerRoute, key));
        }

        return new DeliveryResult(pending.Route, pending.Channel, false, 0, $"{error} (pending message kept for the next run)", sent.StatusCode);
    }
}
