using System.Diagnostics;
using System.Globalization;
using CostGuard.Aws.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/CostGuard.Benchmarks -- aws-sweep-report`: request counts of a
/// 10,000-instance sweep against the protocol minimum, two sweeps 30 minutes apart (the second must not
/// ask Cost Explorer), and CPU time (the fake runs in-process, so its own share is measured and subtracted).
/// </summary>
internal static class AwsSweepReport
{
    public static async Task<int> RunAsync()
    {
        const int instances = 10_000;
        await using var fleet = new AwsSweepFleet(instances);
        var time = new FakeTimeProvider(AwsSweepFleet.Now);

        // Warm-up sweep on its own state file so JIT and connection setup do not count.
        await using (var warm = new AwsSweepFleet(200))
        {
            await warm.SweepAsync(new FakeTimeProvider(AwsSweepFleet.Now));
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var first = await fleet.SweepAsync(time);
        wall.Stop();
        var cpuFirst = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var fakeCpu = ReplayFakeCpu(fleet);

        time.Advance(TimeSpan.FromMinutes(30));
        var second = await fleet.SweepAsync(time);

        var running = fleet.Cloud.Instances.GroupBy(i => (i.Account, i.Region)).Select(g => g.Count(i => i.State is "running" or "pending")).ToList();
        var all = fleet.Cloud.Instances.GroupBy(i => (i.Account, i.Region)).Select(g => g.Count()).ToList();
        var minimum = new Dictionary<string, int>
        {
            ["ec2:DescribeInstances"] = all.Sum(n => Math.Max(1, (n + 999) / 1000)),
            ["cloudwatch:GetMetricData"] = running.Sum(n => ((2 * n) + 499) / 500),
            ["ce:GetCostAndUsage"] = 1,
            ["sts:AssumeRole"] = AwsSweepFleet.Accounts,
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AWS sweep: {instances} GPU instances ({running.Sum()} running), {AwsSweepFleet.Accounts} accounts x {AwsSweepFleet.Regions.Length} regions"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decisions: {first.Plan.Actions.Count} actions, {first.Plan.Deferred.Count} deferred, {first.Plan.Alerts.Count} alerts; complete reads: {first.Reads.Count(r => r.Complete)}/{first.Reads.Count}"));
        Console.WriteLine($"{"request",-28} {"sweep 1",8} {"minimum",8} {"sweep 2 (+30 min)",18}");
        foreach (var key in minimum.Keys.Union(first.Requests.Keys).Union(second.Requests.Keys).Order(StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{key,-28} {first.Requests.GetValueOrDefault(key),8} {(minimum.TryGetValue(key, out var m) ? m.ToString(CultureInfo.InvariantCulture) : "-"),8} {second.Requests.GetValueOrDefault(key),18}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep 1: wall {wall.Elapsed.TotalMilliseconds:0} ms, process CPU {cpuFirst.TotalMilliseconds:0} ms, of which the fake AWS ~{fakeCpu.TotalMilliseconds:0} ms => sweep CPU ~{(cpuFirst - fakeCpu).TotalMilliseconds:0} ms"));
        return 0;
    }

    /// <summary>The fake's own CPU: answer the same requests again, directly, single-threaded.</summary>
    private static TimeSpan ReplayFakeCpu(AwsSweepFleet fleet)
    {
        var requests = fleet.Server.Requests;
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var request in requests)
        {
            _ = fleet.Cloud.Answer(request);
        }

        return Process.GetCurrentProcess().TotalProcessorTime - before;
    }
}
