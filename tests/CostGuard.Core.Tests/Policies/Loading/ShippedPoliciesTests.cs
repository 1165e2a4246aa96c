using CostGuard.Policies;
using CostGuard.Policies.Loading;

namespace CostGuard.Policies.Loading;

public sealed class ShippedPoliciesTests
{
    public static TheoryData<string> ShippedPolicies()
    {
        var root = RepositoryRoot.Combine("policies");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            // schema/, samples/ and prices/ (the shipped on-demand price tables) hold data, not policies.
            if (!relative.StartsWith("schema/", StringComparison.Ordinal) && !relative.StartsWith("samples/", StringComparison.Ordinal)
                && !relative.StartsWith("prices/", StringComparison.Ordinal))
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Fact]
    public void ShippedPolicies_Folder_HoldsAtLeastTwoPolicies()
    {
        Assert.True(ShippedPolicies().Count >= 2);
    }

    [Theory]
    [MemberData(nameof(ShippedPolicies))]
    public async Task LoadFileAsync_ShippedPolicy_IsValid(string relativePath)
    {
        var result = await PolicyLoader.LoadFileAsync(RepositoryRoot.Combine("policies", relativePath), CancellationToken.None);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.NotNull(result.Policy);
        Assert.False(string.IsNullOrWhiteSpace(result.Policy.Description));
    }

    [Fact]
    public async Task LoadFileAsync_TeamGpuGuard_MapsEveryExampleValue()
    {
        var result = await PolicyLoader.LoadFileAsync(RepositoryRoot.Combine("policies", "team-gpu-guard.json"), CancellationToken.None);
        var policy = Assert.IsType<Policy>(result.Policy);

        Assert.Equal("team-gpu-guard", policy.Name);
        Assert.Equal(PolicyMode.Enforce, policy.Mode);
        Assert.Equal(TimeSpan.FromMinutes(5), policy.SweepInterval);
        Assert.Equal(3, policy.Accounts.Count);
        Assert.Equal(CloudKind.Aws, policy.Accounts[0].Cloud);
        Assert.Equal(["us-east-1", "us-west-2"], policy.Accounts[0].Regions);
        Assert.Equal("arn:aws:iam::111122223333:role/CostGuardEnforcer", policy.Accounts[0].RoleArn);
        Assert.Equal(CloudKind.Azure, policy.Accounts[2].Cloud);
        Assert.Equal(["p4d", "p5", "g5", "g6"], policy.Gpu.AwsInstanceFamilies);
        Assert.Equal("nvidia_smi_utilization_gpu", policy.Gpu.AwsCloudWatchMetric.Name);
        Assert.Equal(50000m, policy.SpendCap!.MonthlyUsd);
        Assert.Equal(500m, policy.SpendCap.MaxHourlyBurnUsd);
        Assert.Equal([50, 80, 90], policy.SpendCap.WarnAtPercent);
        Assert.Equal(100000m, policy.SpendCap.For("111122223333").MonthlyUsd);
        Assert.Equal(500m, policy.SpendCap.For("111122223333").MaxHourlyBurnUsd);
        Assert.Equal(TimeSpan.FromMinutes(30), policy.Idle!.Window);
        Assert.Equal(5, policy.Idle.GpuUtilBelow);
        Assert.Equal(10, policy.Idle.CpuUtilBelow);
        Assert.Equal(MissingMetricsTreatment.Idle, policy.Idle.MissingMetrics);
        Assert.Equal(["owner", "cost-center"], policy.Orphans!.RequiredTags);
        Assert.Equal(TimeSpan.FromHours(4), policy.Orphans.StopAfter);
        Assert.Equal(TimeSpan.FromDays(7), policy.Orphans.TerminateAfter);
        Assert.Equal(TimeSpan.FromDays(14), policy.Exemptions!.MaxDuration);
        Assert.Equal(3.5, policy.Anomaly!.Threshold);
        Assert.Equal(50m, policy.Anomaly.MinDailyUsd);
        Assert.Equal(100, policy.Safety!.MaxActionsPerSweep);
        Assert.Equal("COSTGUARD_SLACK_WEBHOOK_URL", policy.Alerts!.Slack!.WebhookUrlSetting);
        Assert.Equal("COSTGUARD_TEAMS_WEBHOOK_URL", policy.Alerts.Teams!.WebhookUrlSetting);
        Assert.Equal(TimeSpan.FromHours(6), policy.Alerts.DedupWindow);
    }

    [Fact]
    public async Task LoadFileAsync_DryRunStarter_IsDryRunWithRecordDefaults()
    {
        var result = await PolicyLoader.LoadFileAsync(RepositoryRoot.Combine("policies", "dry-run-starter.json"), CancellationToken.None);
        var policy = Assert.IsType<Policy>(result.Policy);

        Assert.Equal(PolicyMode.DryRun, policy.Mode);
        Assert.Empty(policy.Accounts);
        Assert.Equal(GpuSelector.DefaultAwsInstanceFamilies, policy.Gpu.AwsInstanceFamilies);
        Assert.Equal(MissingMetricsTreatment.Active, policy.Idle!.MissingMetrics);
        Assert.Null(policy.Idle.CpuUtilBelow);
        Assert.Equal("costguard:orphan", policy.Orphans!.MarkTag);
        Assert.Null(policy.Orphans.StopAfter);
        Assert.Null(policy.Safety);
    }

    [Fact]
    public async Task LoadFileAsync_FinopsRouting_MapsRoutesPricingAndOverrides()
    {
        var result = await PolicyLoader.LoadFileAsync(RepositoryRoot.Combine("policies", "finops-routing.json"), CancellationToken.None);
        var policy = Assert.IsType<Policy>(result.Policy);

        Assert.Equal("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", policy.Accounts[1].LogAnalyticsWorkspaceId);
        var azureCaps = policy.SpendCap!.For("11111111-2222-3333-4444-555555555555");
        Assert.Equal((60000m, 300m), (azureCaps.MonthlyUsd!.Value, azureCaps.MaxHourlyBurnUsd!.Value));
        Assert.Equal([50, 75, 90], azureCaps.WarnAtPercent);
        Assert.Equal([75, 95], policy.SpendCap.For("777788889999").WarnAtPercent);
        Assert.Equal(TimeSpan.FromDays(14), policy.Orphans!.TerminateAfter);
        Assert.Equal(18m, policy.Pricing!.DiscountPercent);
        Assert.Equal(61.5m, policy.Pricing.UsdPerHour["p5.48xlarge"]);
        Assert.Equal(["research", "llm-critical"], policy.Alerts!.Routes.Select(r => r.Name));
        Assert.Equal(AlertSeverity.Critical, policy.Alerts.Routes[1].MinSeverity);
        Assert.Equal("llm", policy.Alerts.Routes[1].Tags["team"]);
        Assert.Equal(TimeSpan.FromHours(12), policy.Alerts.DedupWindow);
    }
}
