using CostGuard.Launches.Events;
using CostGuard.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostGuard.Azure.Launches;

/// <summary>Registers the Azure side of the launch path: the Event Grid parser and the one-VM reader.</summary>
public static class AzureLaunchServiceCollectionExtensions
{
    /// <param name="configure">Adjusts the options after the settings are read (in-process tests inject a fake transport and credential).</param>
    public static IServiceCollection AddCostGuardAzureLaunch(this IServiceCollection services, Func<AzureProviderOptions, AzureProviderOptions>? configure = null)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILaunchEventParser, EventGridLaunchParser>());
        services.AddSingleton<IInstanceReader>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var options = new AzureProviderOptions { Endpoints = AzureEndpoints.FromSettings(name => configuration[name]) };
            return new AzureInstanceReader(configure?.Invoke(options) ?? options, sp.GetRequiredService<ApiRequestCounter>(), sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
