using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CostGuard.Policies;
using CostGuard.Simulation.Trace;
using CostGuard.Simulation;

namespace CostGuard.Benchmarks;

/// <summary>
/// <c>simulate</c> over 1,000 instances at 5-minute samples for 7 days (2.016 M rows) and 30 days (8.64 M rows)
/// against the floor of merely reading the same file: the real <c>wc -l</c>, in the same
/// run (and against an in-process count of the newlines, a tighter floor). Target: within 10x of the <c>wc -l</c> floor
/// at 2 M rows, peak memory under 256 MiB. Each benchmark process prints
/// its peak working set at cleanup (look for "peak working set").
/// Run: dotnet run -c Release --project tests/CostGuard.Benchmarks -- --filter '*SimulateBenchmarks*'
/// </summary>
[MemoryDiagnoser]
// One measured run each (after BenchmarkDotNet's own pilot/JIT): the 30-day case alone takes minutes, and the
// machine these figures come from is shared. Raise iterationCount on a quiet machine for tighter intervals.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 1)]
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

    /// <summary>Days of samples: 7 is 2.016 M rows (232 MB), 30 is 8.64 M rows.</summary>
    [Params(7, 30)]
    public int Days { get; set; } = 7;

    [GlobalSetup]
    public void Setup() => _trace = BenchmarkTraceFile.EnsureAsync(Days, CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");

    /// <summary>
    /// The floor the target is stated against: the real <c>wc -l</c> on the same file (a process started, the file
    /// read from the page cache, newlines counted). Where <c>wc</c> is absent the benchmark fails rather than guess.
    /// </summary>
    [Benchmark(Baseline = true)]
    public async Task<long> WcL()
    {
        using var wc = Process.Start(new ProcessStartInfo("wc", ["-l", _trace]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("wc could not be started");
        var output = await wc.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await wc.WaitForExitAsync().ConfigureAwait(false);
        return wc.ExitCode == 0
            ? long.Parse(output.AsSpan(0, output.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"wc -l exited with {wc.ExitCode}");
    }

    /// <summary>A tighter, in-process floor: every byte read, newlines counted (vectorized), nothing decoded, no process start.</summary>
    [Benchmark]
    public async Task<long> CountLines()
    {
        using var stream = Open();
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    /// <summary>Every line read and decoded to a string: what a naive line reader costs.</summary>
    [Benchmark]
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
