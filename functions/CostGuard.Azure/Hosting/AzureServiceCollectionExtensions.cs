using CostGuard.Hosting;
using CostGuard.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostGuard.Azure.Hosting;

/// <summary>Registers the Azure adapter for both composition roots.</summary>
public static class AzureServiceCollectionExtensions
{
    /// <summary>Adds the Azure <see cref="ICloudFleetProvider"/> with its endpoint settings bound and validated at start.</summary>
    /// <param name="configure">Adjusts the options after the settings are read (in-process tests inject a fake transport and credential).</param>
    public static IServiceCollection AddCostGuardAzure(this IServiceCollection services, Func<AzureProviderOptions, AzureProviderOptions>? configure = null)
    {
        services.AddValidatedSettings<AzureSettings, AzureSettingsValidator>();
        services.AddSingleton<ICloudFleetProvider>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return AzureProviderFactory.Create(
                name => configuration[name],
                sp.GetRequiredService<IBillingCache>(),
                sp.GetRequiredService<ApiRequestCounter>(),
                sp.GetRequiredService<TimeProvider>(),
                configure,
                sp.GetService<ILogger<AzureFleetProvider>>());
        });
        return services;
    }
}
