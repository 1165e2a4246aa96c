using Microsoft.Extensions.Logging;

namespace CostGuard.Alerts.Logging;

/// <summary>
/// The notifier's log messages. None takes a URL: routes are named by route, channel and setting name only,
/// and every error text passed in has been through <see cref="Delivery.SecretRedactor"/>.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventIds.Delivered, LogLevel.Information, "Alert message delivered to {Route}/{Channel}: {Items} item(s) after {Attempts} attempt(s)")]
    public static partial void Delivered(ILogger logger, string route, string channel, int items, int attempts);

    [LoggerMessage(EventIds.Retrying, LogLevel.Warning, "Alert delivery to {Route}/{Channel} failed ({Error}); attempt {Attempt}, retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string route, string channel, string error, int attempt, long delayMs);

    [LoggerMessage(EventIds.DeliveryFailed, LogLevel.Error, "Alert delivery to {Route}/{Channel} failed after {Attempts} attempt(s): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string route, string channel, int attempts, string error);

    [LoggerMessage(EventIds.SettingMissing, LogLevel.Error, "Alert route {Route}/{Channel}: setting {Setting} is not set")]
    public static partial void SettingMissing(ILogger logger, string route, string channel, string setting);

    [LoggerMessage(EventIds.SettingInvalid, LogLevel.Error, "Alert route {Route}/{Channel}: setting {Setting} does not hold an absolute http(s) URL")]
    public static partial void SettingInvalid(ILogger logger, string route, string channel, string setting);

    [LoggerMessage(EventIds.Suppressed, LogLevel.Debug, "Alert {DedupKey} to {Route}/{Channel} suppressed: sent at {LastSent} (window {Window})")]
    public static partial void Suppressed(ILogger logger, string dedupKey, string route, string channel, DateTimeOffset lastSent, TimeSpan window);

    [LoggerMessage(EventIds.PendingSaved, LogLevel.Warning, "Alert message for {Route}/{Channel} kept as pending delivery {Id} for the next run")]
    public static partial void PendingSaved(ILogger logger, string route, string channel, string id);

    [LoggerMessage(EventIds.PendingDropped, LogLevel.Warning, "Pending alert delivery {Id} for {Route}/{Channel} dropped: {Reason}")]
    public static partial void PendingDropped(ILogger logger, string id, string route, string channel, string reason);

    [LoggerMessage(EventIds.LedgerFailed, LogLevel.Error, "Alert ledger operation {Operation} failed: {Error}")]
    public static partial void LedgerFailed(ILogger logger, string operation, string error);

    [LoggerMessage(EventIds.PendingDelivered, LogLevel.Information, "Pending alert delivery {Id} for {Route}/{Channel} delivered after {Attempts} earlier attempt(s)")]
    public static partial void PendingDelivered(ILogger logger, string id, string route, string channel, int attempts);
}
