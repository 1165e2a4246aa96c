using CostGuard.Alerts.Delivery;
using CostGuard.Alerts.Logging;
using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Routing;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Alerts;

/// <summary>
/// Sends one sample alert to every configured route and channel of a policy (<c>costguard alerts test</c>).
/// Bypasses de-duplication and the ledger: a test must reach the channel every time and must not be retried later.
/// </summary>
public sealed class AlertTestSender
{
    private readonly WebhookSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AlertTestSender(
        HttpClient http,
        IWebhookSettingResolver settings,
        TimeProvider time,
        AlertNotifierOptions options,
        ILogger<AlertTestSender> logger)
    {
        _time = time;
        _logger = logger;
        _sender = new WebhookSender(http, settings, time, options, logger);
    }

    /// <summary>Route names and channels of the policy, in the order <see cref="SendAsync"/> reports them.</summary>
    public static IReadOnlyList<(string Route, string Channel, string Setting)> Destinations(Policy policy) =>
        policy.Alerts is { } alerts
            ? [.. AlertRouter.Destinations(policy.Name, alerts).Select(d => (d.Route, d.Channel.Name(), d.Setting))]
            : [];

    public async Task<DeliveryReport> SendAsync(Policy policy, CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>();
        if (policy.Alerts is not { } alerts)
        {
            return new DeliveryReport(results);
        }

        var now = _time.GetUtcNow();
        foreach (var destination in AlertRouter.Destinations(policy.Name, alerts))
        {
            var message = new AlertMessage
            {
                PolicyName = policy.Name,
                Route = destination.Route,
                Time = now,
                Items = [SampleAlert.For(policy, destination.Route, now)],
                TopItems = 1,
            };
            var sent = await _sender.SendAsync(destination, PayloadRenderer.Render(destination.Channel, message), cancellationToken)
                .ConfigureAwait(false);
            if (sent.Succeeded)
            {
                Log.Delivered(_logger, destination.Route, destination.Channel.Name(), 1, sent.Attempts);
            }

            results.Add(new DeliveryResult(destination.Route, destination.Channel.Name(), sent.Succeeded, sent.Succeeded ? 1 : 0, sent.Error, sent.StatusCode));
        }

        return new DeliveryReport(results);
    }
}
