using System.Net;
using CostGuard.Ports;

namespace CostGuard.Azure;

/// <summary>Server-requested waits are honoured up to a cap, on the injected clock (FakeTimeProvider), never slept.</summary>
public sealed class RetryCapTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);

    private static Fault Throttle(string pathContains, string header, string seconds, int times = 1) => new()
    {
        Matches = r => r.RequestUri!.AbsolutePath.Contains(pathContains, StringComparison.Ordinal),
        Status = HttpStatusCode.TooManyRequests,
        BodyFile = "Arm/error-throttled.json",
        Headers = new Dictionary<string, string> { [header] = seconds },
        Times = times,
    };

    [Fact]
    public async Task ReadAccount_ArmRetryAfterWithinCap_WaitedExactlyThatLongOnTheFakeClock()
    {
        var h = new AzureHarness(Now);
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(Throttle("/virtualMachines", "Retry-After", "20"));

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal([TimeSpan.FromSeconds(20)], h.Delays);
        Assert.Equal(Now.AddSeconds(20), h.Time.GetUtcNow());
    }

    [Fact]
    public async Task ReadAccount_ArmRetryAfterOverCap_NotWaitedNotRetriedAndSaysWhy()
    {
        var h = new AzureHarness(Now);
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(Throttle("/virtualMachines", "Retry-After", "150", int.MaxValue));

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Equal(ReadPart.Inventory, Assert.Single(result.Gaps).Part);
        Assert.Contains(result.Problems, p => p.Contains("HTTP 429", StringComparison.Ordinal));
        Assert.Empty(h.Delays);
        Assert.Equal(Now, h.Time.GetUtcNow());
        Assert.Equal(1, h.Counter.Get("azure-arm", "listVirtualMachines"));
    }

    [Theory]
    [InlineData("metrics:getBatch", "Retry-After", "150")]
    [InlineData("/logs/v1/workspaces/", "retry-after-ms", "150000")]
    public async Task ReadAccount_MetricsRetryAfterOverCap_OneRequestAMetricsGapAndTheReasonNamed(string path, string header, string value)
    {
        var h = new AzureHarness(Now, o => o with { MaxRetryAfter = TimeSpan.FromSeconds(45) });
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Workspaces["ws-1"] = [AzureHarness.SubA];
        h.Cloud.Faults.Add(Throttle(path, header, value, int.MaxValue));

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA, "ws-1"), Now, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(ReadPart.Metrics, Assert.Single(result.Gaps).Part);
        Assert.Contains(result.Problems, p => p.Contains("the server asked to wait 150 s, more than the 45 s cap", StringComparison.Ordinal));
        Assert.Empty(h.Delays);
        Assert.Equal(Now, h.Time.GetUtcNow());
    }

    [Fact]
    public async Task ReadAccount_CostManagementQpuWaitOverCap_SpendGapWithoutWaiting()
    {
        var h = new AzureHarness(Now);
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Costs[AzureHarness.SubA] = [];
        h.Cloud.Faults.Add(Throttle("Microsoft.CostManagement", "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "600", int.MaxValue));

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(ReadPart.Billing, Assert.Single(result.Gaps).Part);
        Assert.Contains(result.Problems, p => p.Contains("QPU", StringComparison.Ordinal) && p.Contains("600 s, more than the 120 s cap", StringComparison.Ordinal));
        Assert.Empty(h.Delays);
        Assert.Equal(1, h.Counter.Get("azure-costmanagement", "query"));
    }

    [Fact]
    public async Task ReadAccount_RetryWouldEndPastSweepDeadline_NotRetried()
    {
        var h = new AzureHarness(Now, o => o with { SweepDeadline = TimeSpan.FromSeconds(10) });
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(Throttle("/virtualMachines", "Retry-After", "20"));

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Empty(h.Delays);
        Assert.Equal(1, h.Counter.Get("azure-arm", "listVirtualMachines"));
    }
}
