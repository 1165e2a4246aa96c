using BenchmarkDotNet.Attributes;
using CostGuard.Fleet.Loading;
using CostGuard.Policies.Loading;

namespace CostGuard.Benchmarks;

/// <summary>
/// Loading the shipped team policy (schema + semantic validation + mapping) and the shipped sample snapshot:
/// the fixed cost every sweep and every <c>costguard plan</c> pays before the engine runs.
/// </summary>
[MemoryDiagnoser]
public class LoaderBenchmarks
{
    private string _policy = null!;
    private string _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        _policy = File.ReadAllText(Path.Combine(root, "policies", "team-gpu-guard.json"));
        _snapshot = File.ReadAllText(Path.Combine(root, "policies", "samples", "fleet-snapshot.json"));
        if (!PolicyLoader.Load(_policy, "team-gpu-guard.json").IsValid || !FleetSnapshotLoader.Load(_snapshot, "fleet-snapshot.json").IsValid)
        {
            throw new InvalidOperationException("the shipped inputs must be valid");
        }
    }

    [Benchmark]
    public PolicyLoadResult LoadTeamPolicy() => PolicyLoader.Load(_policy, "team-gpu-guard.json");

    [Benchmark]
    public FleetSnapshotLoadResult LoadSampleSnapshot() => FleetSnapshotLoader.Load(_snapshot, "fleet-snapshot.json");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CostGuard.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("CostGuard.sln not found");
    }
}
