using Microsoft.Extensions.Configuration;

namespace CostGuard.Azure.Hosting;

/// <summary>The Azure endpoint settings (CONTRACTS.md), validated at start.</summary>
public sealed class AzureSettings
{
    [ConfigurationKeyName(AzureEndpoints.ArmSetting)]
    public string? ArmEndpoint { get; set; }

    [ConfigurationKeyName(AzureEndpoints.MetricsSetting)]
    public string? MetricsEndpoint { get; set; }

    [ConfigurationKeyName(AzureEndpoints.LogsSetting)]
    public string? LogsEndpoint { get; set; }

    /// <summary>The adapter's own reading of the settings (it throws naming the setting that is wrong).</summary>
    public AzureEndpoints ToEndpoints() => AzureEndpoints.FromSettings(name => name switch
    {
        AzureEndpoints.ArmSetting => ArmEndpoint,
        AzureEndpoints.MetricsSetting => MetricsEndpoint,
        AzureEndpoints.LogsSetting => LogsEndpoint,
        _ => null,
    });
}
