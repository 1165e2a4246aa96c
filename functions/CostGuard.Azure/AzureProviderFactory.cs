using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Azure;

/// <summary>Builds the Azure provider for a composition root from its settings (CONTRACTS.md names).</summary>
public static class AzureProviderFactory
{
    /// <summary>
    /// The Azure provider; with a malformed endpoint setting, a provider that reports the setting's error for
    /// every Azure account instead of throwing, so the other clouds' accounts are still swept.
    /// </summary>
    /// <param name="configure">Adjusts the options after the settings are read (tests inject a fake transport and credential).</param>
    public static ICloudFleetProvider Create(
        Func<string, string?> getSetting,
        IBillingCache billingCache,
        ApiRequestCounter requests,
        TimeProvider time,
        Func<AzureProviderOptions, AzureProviderOptions>? configure = null,
        ILogger<AzureFleetProvider>? logger = null)
    {
        AzureEndpoints endpoints;
        try
        {
            endpoints = AzureEndpoints.FromSettings(getSetting);
        }
        catch (ArgumentException ex)
        {
            return new MisconfiguredProvider(CloudKind.Azure, ex.Message);
        }

        var options = new AzureProviderOptions { Endpoints = endpoints };
        return new AzureFleetProvider(configure?.Invoke(options) ?? options, billingCache, requests, time, logger);
    }
}
