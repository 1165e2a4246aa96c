using System.Net;

namespace CostGuard.Azure;

public sealed class MalformedReplyTests
{
    [Fact]
    public async Task ReadAccount_GetBatchReplyWithoutValues_MetricsGapForThoseVmsWithClearProblem()
    {
        var h = new AzureHarness();
        var vm = h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.Contains("metrics:getBatch", StringComparison.Ordinal),
            Status = HttpStatusCode.OK,
            BodyFile = "Monitor/malformed.json",
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        // Inventory is whole; the failed metrics read is a gap that holds this VM's idle stop only.
        Assert.True(result.Complete);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(CostGuard.Ports.ReadPart.Metrics, gap.Part);
        Assert.Equal([vm.Id], gap.InstanceIds);
        Assert.Contains(result.Problems, p => p.Contains("CPU metrics for 1 VMs in eastus", StringComparison.Ordinal) && p.Contains("'values'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAccount_CostReplyMissingColumns_SpendUnknownWithProblemNamingColumns()
    {
        var h = new AzureHarness();
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.Contains("Microsoft.CostManagement", StringComparison.Ordinal),
            Status = HttpStatusCode.OK,
            BodyFile = "CostManagement/query-missing-columns.json",
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(CostGuard.Ports.ReadPart.Billing, Assert.Single(result.Gaps).Part);
        Assert.Null(result.Snapshot!.SpendAsOf);
        Assert.Contains(result.Problems, p => p.Contains("lacks Cost/UsageDate/ResourceId", StringComparison.Ordinal));
    }
}
