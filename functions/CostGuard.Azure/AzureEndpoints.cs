using CostGuard.Json;

namespace CostGuard.Azure;

/// <summary>Where the Azure adapter sends requests; defaults are the public cloud (see CONTRACTS.md for the setting names).</summary>
public sealed record AzureEndpoints
{
    public const string ArmSetting = "COSTGUARD_AZURE_ARM_ENDPOINT";
    public const string MetricsSetting = "COSTGUARD_AZURE_METRICS_ENDPOINT";
    public const string LogsSetting = "COSTGUARD_AZURE_LOGS_ENDPOINT";

    /// <summary>Azure Resource Manager base URL, also used for Cost Management.</summary>
    public Uri Arm { get; init; } = new("https://management.azure.com");

    /// <summary>Metrics batch base URL; <c>{region}</c> is replaced by the resources' region.</summary>
    public string MetricsTemplate { get; init; } = "https://{region}.metrics.monitor.azure.com";

    /// <summary>Log Analytics query base URL.</summary>
    public Uri Logs { get; init; } = new("https://api.loganalytics.io");

    /// <summary>Token audience for ARM and Cost Management.</summary>
    public string ArmScope { get; init; } = "https://management.azure.com/.default";

    public string MetricsScope { get; init; } = "https://metrics.monitor.azure.com/.default";

    public string LogsScope { get; init; } = "https://api.loganalytics.io/.default";

    /// <summary>Reads the endpoint settings; a malformed URL is an error naming the setting, never a silent default.</summary>
    /// <summary>The ARM audience (the scope without <c>/.default</c>): <c>ArmEnvironment</c> appends <c>/.default</c> itself.</summary>
    public string ArmAudience => (ArmScope.EndsWith(".default", StringComparison.Ordinal) ? ArmScope[..^".default".Length] : ArmScope).TrimEnd('/');

    public static AzureEndpoints FromSettings(Func<string, string?> getSetting)
    {
        var result = new AzureEndpoints();
        var arm = getSetting(ArmSetting);
        if (!string.IsNullOrWhiteSpace(arm))
        {
            result = result with { Arm = ParseHttps(ArmSetting, arm) };
        }

        var metrics = getSetting(MetricsSetting);
        if (!string.IsNullOrWhiteSpace(metrics))
        {
            _ = ParseHttps(MetricsSetting, metrics.Replace("{region}", "region", StringComparison.Ordinal));
            result = result with { MetricsTemplate = metrics.TrimEnd('/') };
        }

        var logs = getSetting(LogsSetting);
        if (!string.IsNullOrWhiteSpace(logs))
        {
            result = result with { Logs = ParseHttps(LogsSetting, logs) };
        }

        return result;
    }

    /// <summary>The metrics batch base URL for one region.</summary>
    public Uri MetricsFor(string region) =>
        new(MetricsTemplate.Replace("{region}", region.ToLowerInvariant(), StringComparison.Ordinal).TrimEnd('/'));

    private static Uri ParseHttps(string setting, string value)
    {
        // Azure.Core refuses to send bearer tokens over plain http, so catch that here with a clear message.
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            // The value may carry credentials (user:password@): name the setting, never repeat them.
            throw new ArgumentException($"{setting}: '{EndpointRedaction.Redact(value.Trim())}' is not an absolute https URL.", nameof(setting));
        }

        return uri;
    }
}
