using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/CostGuard.Benchmarks -- aws-sweep-report`: request counts of a
/// 10,000-instance sweep against the protocol minimum, two sweeps 30 minutes apart (the second must not
/// ask Cost Explorer), and the sweep's CPU time. The fake AWS runs in a child process so this process's
/// CPU time is the sweep's own (SDK, thin clients, engine, SQLite).
/// </summary>
internal static class AwsSweepReport
{
    private const int Instances = 10_000;

    public static async Task<int> RunAsync()
    {
        using var child = StartFakeServer();
        var line = await child.StandardOutput.ReadLineAsync();
        if (!Uri.TryCreate(line, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"the fake AWS did not start: '{line}'");
        }

        try
        {
            await using var fleet = new AwsSweepFleet(Instances, endpoint);
            var time = new FakeTimeProvider(AwsSweepFleet.Now);

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var first = await fleet.SweepAsync(time);
            wall.Stop();
            var cpuFirst = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            time.Advance(TimeSpan.FromMinutes(30));
            cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var second = await fleet.SweepAsync(time);
            var cpuSecond = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            // A third sweep (still within the Cost Explorer hour) once everything is jitted.
            time.Advance(TimeSpan.FromMinutes(15));
            cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var third = await fleet.SweepAsync(time);
            var cpuThird = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            Print(fleet, first, second, wall.Elapsed, cpuFirst, cpuSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep 3 (+45 min, warm): CPU {cpuThird.TotalMilliseconds:0} ms, Cost Explorer requests {third.Requests.GetValueOrDefault("ce:GetCostAndUsage")}"));
            return first.Reads.All(r => r.Complete) ? 0 : 1;
        }
        finally
        {
            child.StandardInput.Close();
            await child.WaitForExitAsync();
        }
    }

    /// <summary>Child-process mode: serve the generated fleet on loopback until stdin closes.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var fleet = new AwsSweepFleet(Instances);
        Console.WriteLine(fleet.Endpoint);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static Process StartFakeServer()
    {
        // Through the dotnet host with the assembly path: works the same from `dotnet run` and from the apphost.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(AwsSweepReport).Assembly.Location);
        start.ArgumentList.Add("aws-fake-server");
        return Process.Start(start) ?? throw new InvalidOperationException("cannot start the fake AWS process");
    }

    private static void Print(AwsSweepFleet fleet, Sweeps.SweepResult first, Sweeps.SweepResult second, TimeSpan wall, TimeSpan cpuFirst, TimeSpan cpuSecond)
    {
        var byRegion = fleet.Cloud.Instances.GroupBy(i => (i.Account, i.Region)).ToList();
        var running = byRegion.Select(g => g.Count(i => i.State is "running" or "pending")).ToList();
        var minimum = new Dictionary<string, int>
        {
            ["ec2:DescribeInstances"] = byRegion.Sum(g => Math.Max(1, (g.Count() + 999) / 1000)),
            ["cloudwatch:GetMetricData"] = running.Sum(n => ((2 * n) + 499) / 500),
            ["ce:GetCostAndUsage"] = 1,
            ["sts:AssumeRole"] = AwsSweepFleet.Accounts,
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AWS sweep: {Instances} GPU instances ({running.Sum()} running), {AwsSweepFleet.Accounts} accounts x {AwsSweepFleet.Regions.Length} regions"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decisions: {first.Plan.Actions.Count} actions, {first.Plan.Deferred.Count} deferred, {first.Plan.Alerts.Count} alerts; complete reads: {first.Reads.Count(r => r.Complete)}/{first.Reads.Count}"));
        Console.WriteLine($"{"request",-28} {"sweep 1",8} {"minimum",8} {"sweep 2 (+30 min)",18}");
        foreach (var key in minimum.Keys.Union(first.Requests.Keys).Union(second.Requests.Keys).Order(StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{key,-28} {first.Requests.GetValueOrDefault(key),8} {(minimum.TryGetValue(key, out var m) ? m.ToString(CultureInfo.InvariantCulture) : "-"),8} {second.Requests.GetValueOrDefault(key),18}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep 1 (cold process, JIT included): wall {wall.TotalMilliseconds:0} ms, CPU {cpuFirst.TotalMilliseconds:0} ms; sweep 2 (warm): CPU {cpuSecond.TotalMilliseconds:0} ms"));
    }
}
