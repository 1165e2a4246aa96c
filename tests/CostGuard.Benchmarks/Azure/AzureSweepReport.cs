using System.Diagnostics;
using System.Globalization;
using CostGuard.Ports;

namespace CostGuard.Benchmarks.Azure;

/// <summary>
/// <c>dotnet run -c Release --project tests/CostGuard.Benchmarks -- azure-sweep</c>: two sweeps over 5,000 GPU VMs,
/// request counts against the protocol minimum and the process CPU time of each (the fake's own serving time shown apart).
/// </summary>
internal static class AzureSweepReport
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        var fleet = new AzureFleet5000();

        // Warm up JIT and the SDK on a throwaway fleet so the measured sweeps are steady-state.
        var warm = new AzureFleet5000();
        await warm.SweepAsync(AzureFleet5000.Now).ConfigureAwait(false);

        foreach (var (label, now, costDue) in new[]
        {
            ("sweep 1 (cold billing cache)", AzureFleet5000.Now, true),
            ("sweep 2 (5 min later, billing cached)", AzureFleet5000.Now.AddMinutes(5), false),
        })
        {
            var before = fleet.Harness.Counter.Snapshot();
            var serveBefore = fleet.Harness.Cloud.ServeTime;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var plan = await fleet.SweepAsync(now).ConfigureAwait(false);
            wall.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var serve = fleet.Harness.Cloud.ServeTime - serveBefore;
            var after = fleet.Harness.Counter.Snapshot();
            var delta = after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key), StringComparer.Ordinal);

            await output.WriteLineAsync($"{label}: {plan.Accounts.Sum(a => a.GpuInstances)} GPU VMs, {plan.Actions.Count} planned actions").ConfigureAwait(false);
            await output.WriteLineAsync(AzureFleet5000.Format(delta, fleet.ProtocolMinimum(costDue))).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  process CPU {cpu.TotalMilliseconds:0} ms (of which the fake cloud serving ~{serve.TotalMilliseconds:0} ms wall), wall {wall.ElapsedMilliseconds} ms")).ConfigureAwait(false);
        }

        return 0;
    }
}
