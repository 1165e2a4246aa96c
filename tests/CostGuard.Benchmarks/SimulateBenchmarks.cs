using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CostGuard.Policies;
using CostGuard.Simulation.Trace;
using CostGuard.Simulation;

namespace CostGuard.Benchmarks;

/// <summary>
/// <c>simulate</c> over 30 days of 1,000 instances at 5-minute samples (8.64 M rows) against the I/O floor of
/// merely reading the same file, in the same run. Targets: within 3x of the floor, peak memory under 1 GiB.
/// Each benchmark process prints its peak working set at cleanup (look for "peak working set").
/// Run: dotnet run -c Release --project tests/CostGuard.Benchmarks -- --filter '*SimulateBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SimulateBenchmarks
{
    private static readonly Policy Policy = new()
    {
        Name = "bench",
        Mode = PolicyMode.Enforce,
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
        Orphans = new OrphanRule { RequiredTags = ["owner", "cost-center"], StopAfter = TimeSpan.FromHours(4), TerminateAfter = TimeSpan.FromDays(7) },
        SpendCap = new SpendCapRule { MonthlyUsd = 2_000_000m, MaxHourlyBurnUsd = 2_000m, WarnAtPercent = [50, 80, 90] },
        Anomaly = new AnomalyRule { MinDailyUsd = 50 },
        Safety = new SafetyRule { MaxActionsPerSweep = 100 },
    };

    private string _trace = "";

    [GlobalSetup]
    public void Setup() => _trace = BenchmarkTraceFile.EnsureAsync(CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");

    /// <summary>The I/O floor: every line of the file read and decoded, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> ReadLines()
    {
        using var reader = new StreamReader(Open(), bufferSize: 1 << 16);
        long lines = 0;
        while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            lines++;
        }

        return lines;
    }

    /// <summary>Reading and validating every row (the trace reader alone).</summary>
    [Benchmark]
    public async Task<long> ParseTrace()
    {
        using var reader = TraceReader.Open(Open());
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
        }

        return reader.RowsRead;
    }

    /// <summary>The whole simulation: read, sweep every 5 minutes through the engine, account, report.</summary>
    [Benchmark]
    public async Task<decimal> Simulate()
    {
        var result = await new TraceSimulator().RunAsync(Policy, Open, new SimulationOptions(), CancellationToken.None).ConfigureAwait(false);
        return result.SpendWithUsd;
    }

    /// <summary>The simulation with an engine that plans nothing: the simulator's own cost, without the rules.</summary>
    [Benchmark]
    public async Task<decimal> SimulateNoRules()
    {
        var result = await new TraceSimulator(NothingPlanned).RunAsync(Policy, Open, new SimulationOptions(), CancellationToken.None).ConfigureAwait(false);
        return result.SpendWithUsd;
    }

    private static Engine.Plan NothingPlanned(Policy policy, Fleet.FleetSnapshot snapshot, DateTimeOffset now, Engine.EvaluationFocus? focus) => new()
    {
        PolicyName = policy.Name,
        Mode = policy.Mode,
        EvaluatedAt = now,
        Actions = [],
        Alerts = [],
        Deferred = [],
        Accounts = [],
        Memory = snapshot.Memory,
    };

    private FileStream Open() => new(_trace, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}
