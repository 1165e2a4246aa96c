using System.Net;
using CostGuard.Policies;

namespace CostGuard.Azure.Monitoring;

public sealed class UtilizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAccount_CpuFromGetBatchGpuFromWorkspace_SamplesPerBinWithNullGaps()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-busy", "eastus");
        h.Cloud.Workspaces["ws-1"] = [AzureHarness.SubA];
        var firstBin = new DateTimeOffset(2026, 11, 16, 11, 30, 0, TimeSpan.Zero);
        vm.Cpu[firstBin] = 12.5;
        vm.Gpu[firstBin] = [3, 97];
        vm.Gpu[firstBin.AddMinutes(5)] = [1, 2];

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA, "ws-1"), Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        var samples = Assert.Single(result.Snapshot!.Instances).Samples;

        // 11:30 (the bin holding now - 30 min) up to 11:55; the 12:00 bin is not ingested yet and is left out.
        Assert.Equal(6, samples.Count);
        Assert.Equal(firstBin, samples[0].Time);
        Assert.Equal(97, samples[0].GpuPercent);
        Assert.Equal(12.5, samples[0].CpuPercent);
        Assert.Equal(2, samples[1].GpuPercent);
        Assert.Null(samples[1].CpuPercent);
        Assert.All(samples.Skip(2), s => Assert.Null(s.GpuPercent));
        Assert.Equal(1, h.Counter.Get("azure-monitor", "getBatch"));
        Assert.Equal(1, h.Counter.Get("azure-loganalytics", "query"));
        Assert.Contains(h.Cloud.Requests, r => r.Uri.AbsolutePath.Contains("metrics:getBatch", StringComparison.Ordinal)
            && r.Authorization == "Bearer token-for https://metrics.monitor.azure.com/.default");
        Assert.Contains(h.Cloud.Requests, r => r.Uri.AbsolutePath.StartsWith("/logs/v1/workspaces/ws-1/query", StringComparison.Ordinal)
            && r.Authorization == "Bearer token-for https://api.loganalytics.io/.default");
    }

    [Fact]
    public async Task ReadAccount_NoWorkspace_NullGpuAndMissingMetricsNote()
    {
        var h = new AzureHarness(Now);
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.All(result.Snapshot!.Instances.Single().Samples, s => Assert.Null(s.GpuPercent));
        Assert.Contains(result.Notes, n => n.Note.Contains("missing metrics", StringComparison.Ordinal));
        Assert.Equal(0, h.Counter.Get("azure-loganalytics", "query"));
    }

    [Fact]
    public async Task ReadAccount_TwoSubscriptionsShareWorkspace_OneQueryPerSweep()
    {
        var h = new AzureHarness(Now);
        var a = h.AddVm(AzureHarness.SubA, "gpu-a", "eastus");
        var b = h.AddVm(AzureHarness.SubB, "gpu-b", "westeurope");
        h.Cloud.Workspaces["ws-shared"] = [AzureHarness.SubA, AzureHarness.SubB];
        var bin = new DateTimeOffset(2026, 11, 16, 11, 45, 0, TimeSpan.Zero);
        a.Gpu[bin] = [40];
        b.Gpu[bin] = [60];

        var ra = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA, "ws-shared"), Now, CancellationToken.None);
        var rb = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubB, "ws-shared"), Now, CancellationToken.None);
        var nextSweep = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA, "ws-shared"), Now.AddMinutes(5), CancellationToken.None);

        Assert.Equal(40, ra.Snapshot!.Instances.Single().Samples.Single(s => s.Time == bin).GpuPercent);
        Assert.Equal(60, rb.Snapshot!.Instances.Single().Samples.Single(s => s.Time == bin).GpuPercent);
        Assert.True(nextSweep.Complete);
        Assert.Equal(2, h.Counter.Get("azure-loganalytics", "query"));
    }

    [Fact]
    public async Task ReadAccount_MoreThan50VmsInRegion_SplitsBatchesPerRegionAtMost50()
    {
        var h = new AzureHarness(Now);
        for (var i = 0; i < 60; i++)
        {
            h.AddVm(AzureHarness.SubA, $"gpu-e{i}", "eastus");
        }

        for (var i = 0; i < 5; i++)
        {
            h.AddVm(AzureHarness.SubA, $"gpu-w{i}", "westus2");
        }

        h.AddVm(AzureHarness.SubA, "gpu-parked", "westus2", power: "deallocated");

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal([("eastus", 10), ("eastus", 50), ("westus2", 5)], h.Cloud.Batches.Order().ToArray());
    }

    [Fact]
    public async Task ReadAccount_WorkspaceQueryFails_MetricsGapNotMissingMetrics()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA, "ws-missing"), Now, CancellationToken.None);

        Assert.True(result.Complete);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(CostGuard.Ports.ReadPart.Metrics, gap.Part);
        Assert.True(gap.Affects(vm.Id));
        Assert.Contains(result.Problems, p => p.Contains("WorkspaceNotFoundError", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Notes, n => n.Note.Contains("missing metrics", StringComparison.Ordinal));
        Assert.NotNull(result.Snapshot);
    }

    [Fact]
    public async Task ReadAccount_GetBatchServerErrorThenOk_RetriedTransparently()
    {
        var h = new AzureHarness(Now);
        h.AddVm(AzureHarness.SubA, "gpu-run", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.Contains("metrics:getBatch", StringComparison.Ordinal),
            Status = HttpStatusCode.InternalServerError,
            BodyFile = "Arm/error-server.json",
            Times = 2,
        });

        var result = await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal(3, h.Counter.Get("azure-monitor", "getBatch"));
        Assert.Equal(2, h.Delays.Count);
    }

    [Fact]
    public void BuildQuery_PolicyMetric_FiltersNamespaceNameAndTakesMaxPerVmAndBin()
    {
        var window = MetricWindow.For(Now, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5));
        var kql = GpuUtilizationReader.BuildQuery(new MetricSelector { Namespace = "Telegraf/nvidia_smi", Name = "utilization_gpu" }, window);

        Assert.Contains("Namespace == 'Telegraf/nvidia_smi' and Name == 'utilization_gpu'", kql, StringComparison.Ordinal);
        Assert.Contains("max(Val) by ResourceId = tolower(_ResourceId), TimeGenerated = bin(TimeGenerated, 5m)", kql, StringComparison.Ordinal);
        Assert.Contains("datetime(2026-11-16T11:30:00Z)", kql, StringComparison.Ordinal);
    }
}
