using System.Net;
using CostGuard.Policies;

namespace CostGuard.Azure.Billing;

public sealed class SpendTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);

    private static AzureHarness WithSpend()
    {
        var h = new AzureHarness(Now);
        var gpu = h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        var cpu = h.AddVm(AzureHarness.SubA, "cpu-web", "eastus", size: "Standard_D4s_v5");
        h.Cloud.Costs[AzureHarness.SubA] =
        [
            (gpu.Id, new DateOnly(2026, 11, 14), 80m),
            (gpu.Id, new DateOnly(2026, 11, 15), 88.15m),
            (cpu.Id, new DateOnly(2026, 11, 15), 5m),
            ("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/deleted-gpu", new DateOnly(2026, 11, 3), 20m),
            (gpu.Id, new DateOnly(2026, 10, 30), 1000m),
        ];
        return h;
    }

    [Fact]
    public async Task ReadAccount_PagedCostRows_GpuSpendPlusLiveBurnSinceBillingEnds()
    {
        var h = WithSpend();
        h.Cloud.CostPageSize = 2;

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        var snapshot = result.Snapshot!;

        // Billed this month: 80 + 88.15 (GPU VM) + 20 (a VM deleted since, counted to be safe); the CPU VM and October are out.
        // Billing data ends with 15 Nov: live burn 12 h x 3.673 USD/h on top.
        Assert.Equal(188.15m + 44.08m, snapshot.MonthToDateUsd);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), snapshot.SpendAsOf);
        Assert.Equal(188.15m, snapshot.BilledUsd);

        // Two pages (nextLink), each POSTing the same body; the query covers the month to now.
        Assert.Equal(2, h.Counter.Get("azure-costmanagement", "query"));
        Assert.Equal(h.Cloud.CostBodies[0], h.Cloud.CostBodies[1]);
        Assert.Contains("\"from\":\"2026-11-01T00:00:00Z\"", h.Cloud.CostBodies[0], StringComparison.Ordinal);
        Assert.Contains("\"MeterCategory\"", h.Cloud.CostBodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccount_SecondSweepWithinHour_UsesCacheThenRefreshesAfterAnHour()
    {
        var h = WithSpend();
        var policy = AzureHarness.Policy(p => p with { Idle = null });
        var account = AzureHarness.Account(AzureHarness.SubA);

        await h.Provider.ReadAccountAsync(policy, account, Now, CancellationToken.None);
        var cached = await h.Provider.ReadAccountAsync(policy, account, Now.AddMinutes(59), CancellationToken.None);
        Assert.Equal(1, h.Counter.Get("azure-costmanagement", "query"));

        // Cached billing plus one more hour of live burn.
        Assert.Equal(188.15m + 47.69m, cached.Snapshot!.MonthToDateUsd);

        await h.Provider.ReadAccountAsync(policy, account, Now.AddMinutes(61), CancellationToken.None);
        Assert.Equal(2, h.Counter.Get("azure-costmanagement", "query"));
    }

    [Fact]
    public async Task ReadAccount_QpuThrottled_WaitsLargestQpuHeaderThenSucceeds()
    {
        var h = WithSpend();
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.Contains("Microsoft.CostManagement", StringComparison.Ordinal),
            Status = HttpStatusCode.TooManyRequests,
            BodyFile = "CostManagement/error-throttled.json",
            Headers = new Dictionary<string, string>
            {
                ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = "12",
                ["x-ms-ratelimit-microsoft.costmanagement-entity-retry-after"] = "30",
                ["x-ms-ratelimit-microsoft.costmanagement-qpu-consumed"] = "12",
                ["x-ms-ratelimit-microsoft.costmanagement-qpu-remaining"] = "0",
            },
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Empty(result.Problems);
        Assert.Equal([TimeSpan.FromSeconds(30)], h.Delays);
        Assert.Equal(2, h.Counter.Get("azure-costmanagement", "query"));
        Assert.NotNull(result.Snapshot!.SpendAsOf);
    }

    [Fact]
    public async Task ReadAccount_QpuBudgetStaysExhausted_SpendUnknownReportedInventoryStillComplete()
    {
        var h = WithSpend();
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.Contains("Microsoft.CostManagement", StringComparison.Ordinal),
            Status = HttpStatusCode.TooManyRequests,
            BodyFile = "CostManagement/error-throttled.json",
            Headers = new Dictionary<string, string> { ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = "20" },
            Times = int.MaxValue,
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Contains(result.Problems, p => p.Contains("QPU", StringComparison.Ordinal));
        Assert.Null(result.Snapshot!.SpendAsOf);
        Assert.Null(result.Snapshot.BilledUsd);

        // Spend unknown: month to date is the live estimate alone, the GPU VM's 3.673 USD/h since the month began (372 h).
        Assert.Equal(1366.36m, result.Snapshot.MonthToDateUsd);
        Assert.Equal(4, h.Counter.Get("azure-costmanagement", "query"));
        Assert.Equal(3, h.Delays.Count);
    }

    [Fact]
    public async Task ReadAccount_AnomalyRule_DailyUsageByUserTagForClosedDays()
    {
        var h = WithSpend();
        var policy = AzureHarness.Policy(p => p with { Idle = null, Anomaly = new AnomalyRule { UserTag = "owner", BaselineDays = 30 } });

        var result = await h.Provider.ReadAccountAsync(policy, AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        var days = result.Snapshot!.DailyUsage;
        Assert.Contains("\"from\":\"2026-10-16T00:00:00Z\"", h.Cloud.CostBodies[0], StringComparison.Ordinal);
        Assert.Equal([new DateOnly(2026, 10, 30), new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 14), new DateOnly(2026, 11, 15)], days.Select(d => d.Day).ToArray());
        var fifteenth = days[^1];
        Assert.Equal(88.15m, fifteenth.SpendUsd);
        Assert.Equal(88.15m, fifteenth.SpendByUser["alice"]);
        Assert.Equal(1, fifteenth.ActiveUsers);
        Assert.Equal(20m, days[1].SpendByUser[""]);

        // October is in the anomaly baseline but not in this month's spend.
        Assert.Equal(188.15m + 44.08m, result.Snapshot.MonthToDateUsd);
    }
}
