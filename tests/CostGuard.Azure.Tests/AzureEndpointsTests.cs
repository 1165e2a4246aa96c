namespace CostGuard.Azure;

public sealed class AzureEndpointsTests
{
    [Fact]
    public void FromSettings_NoSettings_PublicCloudDefaults()
    {
        var endpoints = AzureEndpoints.FromSettings(_ => null);

        Assert.Equal(new Uri("https://management.azure.com"), endpoints.Arm);
        Assert.Equal(new Uri("https://eastus.metrics.monitor.azure.com"), endpoints.MetricsFor("EastUS"));
        Assert.Equal(new Uri("https://api.loganalytics.io"), endpoints.Logs);
        Assert.Equal("https://management.azure.com", endpoints.ArmAudience);
    }

    [Fact]
    public void FromSettings_SovereignEndpoints_UsesThem()
    {
        var endpoints = AzureEndpoints.FromSettings(name => name switch
        {
            AzureEndpoints.ArmSetting => "https://management.usgovcloudapi.net",
            AzureEndpoints.MetricsSetting => "https://{region}.metrics.monitor.azure.us/",
            AzureEndpoints.LogsSetting => "https://api.loganalytics.us",
            _ => null,
        });

        Assert.Equal(new Uri("https://management.usgovcloudapi.net"), endpoints.Arm);
        Assert.Equal(new Uri("https://usgovvirginia.metrics.monitor.azure.us"), endpoints.MetricsFor("usgovvirginia"));
        Assert.Equal(new Uri("https://api.loganalytics.us"), endpoints.Logs);
    }

    [Fact]
    public void FromSettings_PlainHttp_ErrorNamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => AzureEndpoints.FromSettings(name => name == AzureEndpoints.ArmSetting ? "http://localhost:8080" : null));

        Assert.Contains("COSTGUARD_AZURE_ARM_ENDPOINT", error.Message, StringComparison.Ordinal);
    }
}
