using BenchmarkDotNet.Running;
using CostGuard.Benchmarks.Azure;

// `azure-sweep` prints request counts against the protocol minimum and CPU time of two Azure sweeps;
// anything else runs BenchmarkDotNet (pass --filter to pick benchmarks, as usual).
if (args is ["azure-sweep", ..])
{
    return await AzureSweepReport.RunAsync(Console.Out).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
