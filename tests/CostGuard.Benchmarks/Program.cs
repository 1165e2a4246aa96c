using BenchmarkDotNet.Running;
using CostGuard.Benchmarks;
using CostGuard.Benchmarks.Azure;

// `--generate-trace [DAYS]` only writes the simulate benchmark's trace (30 days: 8.64 M rows; 7 days: 2.016 M) and prints its path (to measure the
// CLI on it, e.g. with /usr/bin/time -v). Otherwise runs the benchmarks; pass --filter to pick some.
if (args is ["--generate-trace", ..])
{
    var days = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
    Console.WriteLine(await BenchmarkTraceFile.EnsureAsync(days, CancellationToken.None).ConfigureAwait(false));
    return 0;
}

// `--launch-report` runs one round of 100 concurrent launches on each ledger store (SQLite; Table Storage on Azurite, found
// as the storage tests find it: COSTGUARD_AZURITE or .tools/azurite) and prints requests per event, latency and retries.
if (args is ["--launch-report"])
{
    foreach (var store in Enum.GetValues<LedgerStore>())
    {
        await using var fleet = await LaunchFleet.CreateAsync(store).ConfigureAwait(false);
        Console.WriteLine((await fleet.RunAsync().ConfigureAwait(false)).Describe());
    }

    return 0;
}

// `--once` runs each simulate benchmark a single time with a stopwatch: a quick look, not a measurement.
if (args is ["--once", ..])
{
    var bench = new SimulateBenchmarks { Days = int.Parse(Environment.GetEnvironmentVariable("COSTGUARD_BENCH_DAYS") ?? "7", System.Globalization.CultureInfo.InvariantCulture) };
    bench.Setup();
    foreach (var (name, run) in new (string, Func<Task>)[] { ("count lines", bench.CountLines), ("read lines", bench.ReadLines), ("parse trace", bench.ParseTrace), ("simulate", bench.Simulate), ("no-rules simulate", bench.SimulateNoRules) })
    {
        if (args.Length > 1 && !args.AsSpan(1).Contains(name.Split(' ')[0]))
        {
            continue;
        }

        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await run().ConfigureAwait(false);
        process.Refresh();
        Console.WriteLine(
            $"{name}: {watch.Elapsed.TotalSeconds:0.00} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} s CPU, "
            + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024 * 1024)} MiB allocated, "
            + $"GCs {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
    }

    bench.Cleanup();
    return 0;
}

// `aws-sweep-report` prints request counts against the protocol minimum and sweep CPU time.
if (args is ["aws-sweep-report", ..])
{
    return await AwsSweepReport.RunAsync().ConfigureAwait(false);
}

// `azure-sweep` prints request counts against the protocol minimum and CPU time of two Azure sweeps.
if (args is ["azure-sweep", ..])
{
    return await AzureSweepReport.RunAsync(Console.Out).ConfigureAwait(false);
}

// `azure-enforce` runs one enforce sweep (500 deallocations + 250 tags on 5,000 VMs) in real time and prints its wall time.
if (args is ["azure-enforce", ..])
{
    return await AzureEnforceReport.RunAsync(Console.Out).ConfigureAwait(false);
}

if (args is ["aws-fake-server", ..])
{
    return await AwsSweepReport.ServeAsync().ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
