using BenchmarkDotNet.Attributes;
using CostGuard.Sweeps;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Benchmarks;

/// <summary>
/// One live AWS sweep of 10,000 GPU instances (10 accounts x 2 regions) against the loopback fake AWS.
/// The fake's own work is included; aws-sweep-report separates it and reports request counts.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AwsSweepBenchmarks
{
    private AwsSweepFleet _fleet = null!;

    [GlobalSetup]
    public void Setup() => _fleet = new AwsSweepFleet(10_000);

    [GlobalCleanup]
    public void Cleanup() => _fleet.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<SweepResult> Sweep10kInstances() => _fleet.SweepAsync(new FakeTimeProvider(AwsSweepFleet.Now));
}
