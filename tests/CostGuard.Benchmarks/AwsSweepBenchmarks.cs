using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CostGuard.Sweeps;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Benchmarks;

/// <summary>
/// One live AWS sweep of 10,000 GPU instances (10 accounts x 2 regions) against the loopback fake AWS.
/// The fake's own work is included; aws-sweep-report separates it and reports request counts.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class AwsSweepBenchmarks
{
    private AwsSweepFleet _fleet = null!;

    [GlobalSetup]
    public void Setup() => _fleet = new AwsSweepFleet(10_000);

    [GlobalCleanup]
    public void Cleanup() => _fleet.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<SweepResult> Sweep10kInstances() => _fleet.SweepAsync(new FakeTimeProvider(AwsSweepFleet.Now));

    /// <summary>In-process: each sweep takes seconds, and building a separate benchmark exe times out on a busy 2-core machine.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }
}
