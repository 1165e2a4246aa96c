using CostGuard.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostGuard.Alerts;

/// <summary>Registers the Slack/Teams senders for both composition roots (the Functions app and the CLI).</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAlertNotifier"/> and the <see cref="AlertTestSender"/> of <c>costguard alerts test</c>. The notifier
    /// needs an <see cref="IAlertLedger"/>, registered by the state store; the test sender needs none. A host that reads its
    /// settings elsewhere than the process environment registers its <see cref="IWebhookSettingResolver"/> first.
    /// The HttpClients' default request logging is removed: it logs the request URI, which is the webhook secret.
    /// </summary>
    public static IServiceCollection AddCostGuardAlerts(this IServiceCollection services, AlertNotifierOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options ?? new AlertNotifierOptions());
        services.TryAddSingleton<IWebhookSettingResolver, EnvironmentWebhookSettingResolver>();
        services.AddHttpClient<IAlertNotifier, AlertNotifier>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers();
        services.AddHttpClient<AlertTestSender>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers();
        return services;
    }
}
