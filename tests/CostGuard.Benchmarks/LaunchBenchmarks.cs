using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CostGuard.Benchmarks;

/// <summary>
/// 100 concurrent launch events of one account through the launch processor (AWS fake over loopback), on the SQLite
/// ledger and on the Table Storage ledger (Azurite).
/// Each iteration prints the requests per event, the time from the last event handed in to its decision and the
/// ledger's conflict retries; <c>--launch-report</c> prints the same for one round without BenchmarkDotNet.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class LaunchBenchmarks
{
    private LaunchFleet _fleet = null!;

    [Params(LedgerStore.Sqlite, LedgerStore.Table)]
    public LedgerStore Store { get; set; }

    [GlobalSetup]
    public void Setup() => _fleet = LaunchFleet.CreateAsync(Store).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _fleet.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<LaunchRound> HundredConcurrentLaunches()
    {
        var round = await _fleet.RunAsync().ConfigureAwait(false);
        Console.WriteLine(round.Describe());
        return round;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }
}
