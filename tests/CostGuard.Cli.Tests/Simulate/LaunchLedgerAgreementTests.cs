using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CostGuard.Fleet;
using CostGuard.Launches;
using CostGuard.Policies;
using CostGuard.Policies.Loading;
using CostGuard.Ports;

namespace CostGuard.Cli.Simulate;

/// <summary>
/// `simulate` and the launch ledger on the sample weekend sweep (100 GPUs launched at once): the same instances stopped
/// when the launch events arrive in id order. In any other order the ledger stops the same number (any 30 of the 100
/// cost the same), but not necessarily the same ids: the simulator, seeing them all at once, stops the highest ids.
/// </summary>
public sealed class LaunchLedgerAgreementTests
{
    private static readonly string Samples = Path.Combine(CliRun.RepoRoot(), "policies", "samples");
    private static readonly DateTimeOffset LaunchTime = new(2026, 11, 7, 1, 2, 0, TimeSpan.Zero);

    [Fact]
    public async Task WeekendSweep_LaunchesInIdOrder_LedgerStopsExactlyWhatSimulateStops()
    {
        var simulated = await SimulatedBurnCapStopsAsync();
        var launches = (await LaunchesAsync()).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();

        var stopped = await JudgeAsync(launches);

        Assert.Equal(30, simulated.Count);
        Assert.Equal(simulated.Order(StringComparer.Ordinal), stopped.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WeekendSweep_LaunchesInReverseOrder_SameNumberStoppedAndBurnUnderCap()
    {
        var simulated = await SimulatedBurnCapStopsAsync();
        var launches = (await LaunchesAsync()).OrderByDescending(i => i.Id, StringComparer.Ordinal).ToList();

        var stopped = await JudgeAsync(launches);

        Assert.Equal(simulated.Count, stopped.Count);
        Assert.NotEqual(simulated.Order(StringComparer.Ordinal), stopped.Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> JudgeAsync(IReadOnlyList<InstanceSnapshot> launches)
    {
        var policy = (await PolicyLoader.LoadFileAsync(Path.Combine(Samples, "sample-gpu-guard.json"), CancellationToken.None)).Policy!;
        var ledger = new BurnLedgerState { Cloud = CloudKind.Aws, Account = "111122223333", SyncedAt = LaunchTime, MonthToDateAsOf = LaunchTime };
        var stopped = new List<string>();
        foreach (var instance in launches)
        {
            var (verdict, next) = LaunchJudge.Judge(policy, ledger, instance, GuardMemory.Empty, LaunchTime);
            ledger = next ?? ledger;
            if (verdict.Decision == LaunchDecision.Stopped)
            {
                stopped.Add(instance.Id);
            }
        }

        Assert.True(ledger.BurnUsdPerHour <= 400m);
        return stopped;
    }

    private static async Task<List<string>> SimulatedBurnCapStopsAsync()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(
            "simulate", "--policy", Path.Combine(Samples, "sample-gpu-guard.json"), "--trace", Path.Combine(Samples, "traces", "weekend-sweep.csv.gz"), "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("actions").EnumerateArray()
            .Where(a => a.GetProperty("reason").GetString() == "burn-cap")
            .Select(a => a.GetProperty("instance").GetString()!)
            .ToList();
    }

    /// <summary>The trace's first rows: the 100 launches, as the launch path would read them.</summary>
    private static async Task<List<InstanceSnapshot>> LaunchesAsync()
    {
        await using var file = File.OpenRead(Path.Combine(Samples, "traces", "weekend-sweep.csv.gz"));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        await reader.ReadLineAsync();
        var launches = new List<InstanceSnapshot>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var f = line.Split(',');
            if (f[0] != "2026-11-07T01:02:00Z")
            {
                break;
            }

            launches.Add(new InstanceSnapshot
            {
                Cloud = CloudKind.Aws,
                Account = f[2],
                Region = f[3],
                Id = f[4],
                Type = f[5],
                State = InstanceState.Running,
                LaunchTime = LaunchTime,
                UsdPerHour = decimal.Parse(f[7], CultureInfo.InvariantCulture),
                Tags = f[10].Split(';').Select(t => t.Split('=')).ToDictionary(p => p[0], p => p[1]),
            });
        }

        return launches;
    }
}
