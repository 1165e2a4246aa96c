using System.Net;

namespace CostGuard.Azure;

public sealed class MalformedReplyTests
{
    [Fact]
    public async Task ReadAccount_GetBatchReplyWithoutValues_IncompleteWithClearProblem()
    {
        var h = new AzureHarness();
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.Contains("metrics:getBatch", StringComparison.Ordinal),
            Status = HttpStatusCode.OK,
            BodyFile = "Monitor/malformed.json",
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), h.Time.GetUtcNow(), CancellationToken.None);

        Assert.False(result.Complete);
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
        Assert.Null(result.Snapshot!.SpendAsOf);
        Assert.Contains(result.Problems, p => p.Contains("lacks Cost/UsageDate/ResourceId", StringComparison.Ordinal));
    }
}
