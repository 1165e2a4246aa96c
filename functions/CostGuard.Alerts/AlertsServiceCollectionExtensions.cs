using CostGuard.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostGuard.Alerts;

/// <summary>Registers the Slack/Teams notifier for the Functions app (the CLI constructs it directly).</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAlertNotifier"/>. An <see cref="IAlertLedger"/> must be registered by the state store.
    /// The HttpClient's default request logging is removed: it logs the request URI, which is the webhook secret.
    /// </summary>
    public static IServiceCollection AddCostGuardAlerts(this IServiceCollection services, AlertNotifierOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options ?? new AlertNotifierOptions());
        services.TryAddSingleton<IWebhookSettingResolver, EnvironmentWebhookSettingResolver>();
        services.AddHttpClient<IAlertNotifier, AlertNotifier>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers();
        return services;
    }
}
