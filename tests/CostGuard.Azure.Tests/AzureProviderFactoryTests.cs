using CostGuard.Ports;

namespace CostGuard.Azure;

public sealed class AzureProviderFactoryTests
{
    [Fact]
    public async Task Create_PlainHttpArmEndpoint_EveryAccountReportsTheSettingInsteadOfThrowing()
    {
        var provider = AzureProviderFactory.Create(
            name => name == AzureEndpoints.ArmSetting ? "http://127.0.0.1:8080" : null,
            new InMemoryBillingCache(),
            new ApiRequestCounter(),
            TimeProvider.System);

        var result = await provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), default, CancellationToken.None);

        Assert.Equal(Policies.CloudKind.Azure, provider.Cloud);
        Assert.False(result.Complete);
        Assert.Contains("COSTGUARD_AZURE_ARM_ENDPOINT", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithConfigure_ReachesTheFakeThroughTheSettingsEndpoints()
    {
        var cloud = new FakeAzureCloud();
        cloud.Vms.Add(new FakeVm { Subscription = AzureHarness.SubA, Name = "gpu-1", Location = "eastus" });
        var provider = AzureProviderFactory.Create(
            name => name == AzureEndpoints.ArmSetting ? FakeAzureCloud.Host : null,
            new InMemoryBillingCache(),
            new ApiRequestCounter(),
            TimeProvider.System,
            o => o with { Credential = new FakeTokenCredential(), Transport = new global::Azure.Core.Pipeline.HttpClientTransport(new HttpClient(cloud)) });

        var result = await provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), new DateTimeOffset(2026, 11, 16, 12, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Single(result.Snapshot!.Instances);
    }

    [Theory]
    [InlineData("4 minutes")]
    [InlineData("PT0S")]
    [InlineData("P2D")]
    public async Task Create_BadSweepDeadline_EveryAccountReportsTheSetting(string value)
    {
        var provider = AzureProviderFactory.Create(
            name => name == AzureProviderFactory.SweepDeadlineSetting ? value : null,
            new InMemoryBillingCache(),
            new ApiRequestCounter(),
            TimeProvider.System);

        var result = await provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), default, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Contains($"COSTGUARD_AZURE_SWEEP_DEADLINE='{value}'", Assert.Single(result.Problems), StringComparison.Ordinal);
    }
}
