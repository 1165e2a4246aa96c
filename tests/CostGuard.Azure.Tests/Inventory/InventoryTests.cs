using System.Net;
using CostGuard.Fleet;

namespace CostGuard.Azure.Inventory;

public sealed class InventoryTests
{
    [Fact]
    public async Task ReadAccount_ListsPagedByNextLink_JoinsSizeTagsAndPowerState()
    {
        var h = new AzureHarness();
        h.Cloud.VmPageSize = 2;
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.AddVm(AzureHarness.SubA, "gpu-off", "eastus", power: "stopped");
        h.AddVm(AzureHarness.SubA, "gpu-dealloc", "westus2", size: "Standard_NV36ads_A10_v5", power: "deallocated");
        h.AddVm(AzureHarness.SubA, "cpu-web", "eastus", size: "Standard_D4s_v5");
        h.AddVm(AzureHarness.SubA, "gpu-start", "westus2", size: "standard_nc6s_v3", power: "starting", tags: new(StringComparer.OrdinalIgnoreCase) { ["Team"] = "vision" });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        var byName = result.Snapshot!.Instances.ToDictionary(i => i.Id.Split('/')[^1]);
        Assert.Equal(["gpu-dealloc", "gpu-off", "gpu-run", "gpu-start"], byName.Keys.Order().ToArray());
        Assert.Equal(InstanceState.Running, byName["gpu-run"].State);
        Assert.Equal(InstanceState.PoweredOff, byName["gpu-off"].State);
        Assert.True(byName["gpu-off"].IsBilling);
        Assert.Equal(InstanceState.Stopped, byName["gpu-dealloc"].State);
        Assert.Equal(InstanceState.Pending, byName["gpu-start"].State);
        Assert.Equal("vision", byName["gpu-start"].Tag("team"));
        Assert.Equal("westus2", byName["gpu-dealloc"].Region);
        Assert.Equal("Standard_NV36ads_A10_v5", byName["gpu-dealloc"].Type);
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 9, 12, 33, TimeSpan.Zero), byName["gpu-run"].LaunchTime);
        Assert.Equal(3.673m, byName["gpu-run"].UsdPerHour);

        // 5 VMs at 2 per page: 3 pages for each of the two lists.
        Assert.Equal(3, h.Counter.Get("azure-arm", "listVirtualMachines"));
        Assert.Equal(3, h.Counter.Get("azure-arm", "listVirtualMachinesStatus"));
        Assert.All(h.Cloud.Requests, r => Assert.Equal("Bearer token-for https://management.azure.com/.default", r.Authorization));
    }

    [Fact]
    public async Task ReadAccount_VmRestartedAfterLongDeallocation_LaunchTimeIsTheRestart()
    {
        var h = new AzureHarness();
        var vm = h.AddVm(AzureHarness.SubA, "gpu-back", "eastus");
        vm.LastOperation = h.Time.GetUtcNow().AddMinutes(-10);

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        var instance = Assert.Single(result.Snapshot!.Instances);
        Assert.Equal(h.Time.GetUtcNow().AddMinutes(-10), instance.LaunchTime);

        // Younger than the idle window: its empty metrics are not judged, so it is not stopped.
        var plan = new Engine.DecisionEngine().Evaluate(AzureHarness.Policy(), new Fleet.FleetSnapshot { Accounts = [result.Snapshot] }, h.Time.GetUtcNow());
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public async Task ReadAccount_UnknownSizePrice_NotedAndPolicyPriceWins()
    {
        var h = new AzureHarness();
        h.AddVm(AzureHarness.SubA, "gpu-new", "eastus", size: "Standard_NC999_future");
        h.AddVm(AzureHarness.SubA, "gpu-negotiated", "eastus");
        var policy = AzureHarness.Policy(p => p with
        {
            Idle = null,
            Pricing = new Policies.PricingOverrides { UsdPerHour = new Dictionary<string, decimal> { ["standard_nc24ads_a100_v4"] = 2.5m } },
        });

        var result = await h.Provider.ReadAccountAsync(policy, AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        var prices = result.Snapshot!.Instances.ToDictionary(i => i.Id.Split('/')[^1], i => i.UsdPerHour);
        Assert.Equal(2.5m, prices["gpu-negotiated"]);
        Assert.Equal(0m, prices["gpu-new"]);
        Assert.Contains(result.Notes, n => n.InstanceId.EndsWith("gpu-new", StringComparison.Ordinal) && n.Note.Contains("unknown price", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAccount_Throttled429WithRetryAfter_WaitsAskedTimeThenSucceeds()
    {
        var h = new AzureHarness();
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.EndsWith("/virtualMachines", StringComparison.Ordinal),
            Status = HttpStatusCode.TooManyRequests,
            BodyFile = "Arm/error-throttled.json",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "7", ["x-ms-ratelimit-remaining-subscription-reads"] = "0" },
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Single(result.Snapshot!.Instances);
        Assert.Contains(TimeSpan.FromSeconds(7), h.Delays);
        Assert.Equal(2, h.Counter.Get("azure-arm", "listVirtualMachines"));
    }

    [Fact]
    public async Task ReadAccount_Persistent5xx_IncompleteWithProblemAfterBoundedRetries()
    {
        var h = new AzureHarness();
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.EndsWith("/virtualMachines", StringComparison.Ordinal),
            Status = HttpStatusCode.ServiceUnavailable,
            BodyFile = "Arm/error-server.json",
            Times = int.MaxValue,
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Null(result.Snapshot);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(AzureHarness.SubA, problem, StringComparison.Ordinal);
        Assert.Contains("503", problem, StringComparison.Ordinal);

        // First attempt plus three retries, then the subscription is reported instead of retried forever.
        Assert.Equal(4, h.Counter.Get("azure-arm", "listVirtualMachines"));
    }

    [Fact]
    public async Task ReadAccount_OneSubscriptionDenied_OtherSubscriptionStillRead()
    {
        var h = new AzureHarness();
        h.AddVm(AzureHarness.SubA, "gpu-a", "eastus");
        h.AddVm(AzureHarness.SubB, "gpu-b", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.StartsWith($"/subscriptions/{AzureHarness.SubA}/", StringComparison.Ordinal),
            Status = HttpStatusCode.Forbidden,
            BodyFile = "Arm/error-authorization-failed.json",
            Times = int.MaxValue,
        });
        var policy = AzureHarness.Policy();

        var a = await h.Provider.ReadAccountAsync(policy, AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);
        var b = await h.Provider.ReadAccountAsync(policy, AzureHarness.Account(AzureHarness.SubB), h.Time.GetUtcNow(), CancellationToken.None);

        Assert.False(a.Complete);
        Assert.Contains("AuthorizationFailed", Assert.Single(a.Problems), StringComparison.Ordinal);
        Assert.True(b.Complete, string.Join("; ", b.Problems));
        Assert.Single(b.Snapshot!.Instances);
    }
}
