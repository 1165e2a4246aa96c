using CostGuard.Alerts.Delivery;
using CostGuard.Alerts.Logging;
using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Routing;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Alerts;

/// <summary>
/// Delivers a sweep's alerts and applied actions to Slack and Teams: routed by <c>alerts.routes</c>, one digest per
/// route and channel per sweep, de-duplicated through the ledger, failed messages kept pending for the next run.
/// Never throws for delivery failures, and never lets a webhook URL reach a log, an error or the report.
/// </summary>
public sealed class AlertNotifier : IAlertNotifier
{
    private readonly SafeLedger _ledger;
    private readonly WebhookSender _sender;
    private readonly PendingRetrier _pending;
    private readonly TimeProvider _time;
    private readonly AlertNotifierOptions _options;
    private readonly ILogger _logger;

    public AlertNotifier(
        HttpClient http,
        IAlertLedger ledger,
        IWebhookSettingResolver settings,
        TimeProvider time,
        AlertNotifierOptions options,
        ILogger<AlertNotifier> logger)
    {
        _time = time;
        _options = options;
        _logger = logger;
        _ledger = new SafeLedger(ledger, logger);
        _sender = new WebhookSender(http, settings, time, options, logger);
        _pending = new PendingRetrier(_sender, _ledger, options, logger);
    }

    public async Task<DeliveryReport> DeliverAsync(Policy policy, AlertBatch batch, CancellationToken cancellationToken)
    {
        if (policy.Alerts is not { } alerts)
        {
            return new DeliveryReport([]);
        }

        var now = _time.GetUtcNow();
        var destinations = AlertRouter.Destinations(policy.Name, alerts);
        var results = new List<DeliveryResult>();
        var stillPending = await _pending.RetryAsync(policy.Name, destinations, now, results, cancellationToken).ConfigureAwait(false);

        var items = AlertItemFactory.Create(policy, batch, now).ToLookup(i => AlertRouter.RouteFor(alerts, i), StringComparer.Ordinal);
        foreach (var destination in destinations)
        {
            var fresh = await FreshItemsAsync(destination, items[destination.Route], alerts.DedupWindow, now, stillPending, cancellationToken)
                .ConfigureAwait(false);
            if (fresh.Count == 0)
            {
                continue;
            }

            var message = new AlertMessage
            {
                PolicyName = policy.Name,
                Route = destination.Route,
                Time = batch.Time,
                Items = AlertMessage.Order(fresh),
                TopItems = _options.DigestTopItems,
            };
            results.Add(await SendNewAsync(destination, message, now, cancellationToken).ConfigureAwait(false));
        }

        return new DeliveryReport(results);
    }

    private async Task<List<AlertItem>> FreshItemsAsync(
        RouteDestination destination,
        IEnumerable<AlertItem> candidates,
        TimeSpan window,
        DateTimeOffset now,
        HashSet<string> stillPending,
        CancellationToken cancellationToken)
    {
        var fresh = new List<AlertItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in candidates)
        {
            // A pending message already carries this alert: it goes out with that retry, not twice.
            if (!seen.Add(item.DedupKey) || stillPending.Contains(PendingRetrier.Key(destination.LedgerRoute, item.DedupKey)))
            {
                continue;
            }

            var last = await _ledger.LastSentAsync(destination.LedgerRoute, item.DedupKey, cancellationToken).ConfigureAwait(false);
            if (last is { } sentAt && now - sentAt < window)
            {
                Log.Suppressed(_logger, item.DedupKey, destination.Route, destination.Channel.Name(), sentAt, window);
                continue;
            }

            fresh.Add(item);
        }

        return fresh;
    }

    private async Task<DeliveryResult> SendNewAsync(RouteDestination destination, AlertMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var channel = destination.Channel.Name();
        var payload = PayloadRenderer.Render(destination.Channel, message);
        var keys = message.Items.Select(i => i.DedupKey).ToList();
        var sent = await _sender.SendAsync(destination, payload, cancellationToken).ConfigureAwait(false);
        string? note = null;
        if (sent.BlocksRejected)
        {
            // The news matters more than the layout: Slack refused the blocks, so the plain text goes out instead.
            note = $"{sent.Error}; sent as plain text instead";
            payload = PayloadRenderer.RenderSlackTextOnly(message);
            sent = await _sender.SendAsync(destination, payload, cancellationToken).ConfigureAwait(false);
        }

        if (sent.Succeeded)
        {
            Log.Delivered(_logger, destination.Route, channel, message.Items.Count, sent.Attempts);
            await _ledger.RecordAllSentAsync(destination.LedgerRoute, keys, now, cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(destination.Route, channel, true, 1, note, sent.StatusCode);
        }

        var error = sent.Error ?? "delivery failed";
        if (sent.PayloadRejected)
        {
            return new DeliveryResult(destination.Route, channel, false, 0, $"{error} (payload rejected; not retried)", sent.StatusCode);
        }

        var pending = new PendingDelivery
        {
            Id = Guid.NewGuid().ToString("N"),
            Policy = destination.Policy,
            Route = destination.Route,
            Channel = channel,
            PayloadJson = payload,
            DedupKeys = keys,
            Attempts = Math.Max(1, sent.Attempts),
            FirstFailedAt = now,
            LastError = error,
        };
        var kept = await _ledger.SavePendingAsync(pending, cancellationToken).ConfigureAwait(false);
        if (kept)
        {
            Log.PendingSaved(_logger, destination.Route, channel, pending.Id);
        }

        return new DeliveryResult(destination.Route, channel, false, 0,
            kept ? $"{error} (kept for retry on the next run)" : $"{error} (could not be kept for retry: ledger unavailable)", sent.StatusCode);
    }
}
