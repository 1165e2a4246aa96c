using BenchmarkDotNet.Attributes;

namespace CostGuard.Benchmarks.Azure;

/// <summary>One Azure sweep (read 5 subscriptions x 2 regions, 5,000 GPU VMs, then evaluate) against the in-process fake.</summary>
[MemoryDiagnoser]
public class AzureSweepBenchmarks
{
    private AzureFleet5000 _fleet = null!;
    private int _sweep;

    [IterationSetup]
    public void Setup()
    {
        _fleet = new AzureFleet5000();
        _sweep = 0;
    }

    /// <summary>A sweep that also has to query Cost Management (cold billing cache).</summary>
    [Benchmark]
    public Task ColdSweep() => _fleet.SweepAsync(AzureFleet5000.Now.AddMinutes(_sweep++));
}
