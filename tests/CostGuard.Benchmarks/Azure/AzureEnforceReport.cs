using System.Diagnostics;
using System.Globalization;
using Azure.Core.Pipeline;
using CostGuard.Azure;
using CostGuard.Azure.Fakes;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.State;
using CostGuard.Sweeps;

namespace CostGuard.Benchmarks.Azure;

/// <summary>
/// <c>dotnet run -c Release --project tests/CostGuard.Benchmarks -- azure-enforce</c>: one real <c>enforce</c> sweep
/// (GuardSweep, intent-first audit in SQLite) over 5,000 GPU VMs in 5 subscriptions x 2 regions of the in-process fake,
/// 500 of them idle (deallocated) and 250 untagged orphans (tagged), with the adapter's default options and REAL time:
/// every poll interval and retry wait is actually waited, as in production. Prints the wall time and the outcomes.
/// </summary>
internal static class AzureEnforceReport
{
    private const int Subscriptions = 5;
    private const int VmsPerRegion = 500;
    private static readonly string[] Regions = ["eastus", "westeurope"];

    public static async Task<int> RunAsync(TextWriter output)
    {
        var now = TimeProvider.System.GetUtcNow();
        var cloud = new FakeAzureCloud { VmPageSize = 100, CostPageSize = 5000 };
        var accounts = new List<AccountScope>();
        for (var s = 0; s < Subscriptions; s++)
        {
            var subscription = $"00000000-0000-0000-0000-{s + 1:000000000000}";
            cloud.Workspaces[$"ws-{s}"] = [subscription];
            cloud.Costs[subscription] = [];
            accounts.Add(new AccountScope { Cloud = CloudKind.Azure, Id = subscription, LogAnalyticsWorkspaceId = $"ws-{s}" });
            var index = 0;
            foreach (var region in Regions)
            {
                for (var i = 0; i < VmsPerRegion; i++, index++)
                {
                    // Per subscription: 100 idle VMs (stopped) and 50 untagged orphans (tagged, busy), the rest busy.
                    var idle = index < 100;
                    var orphan = index is >= 100 and < 150;
                    var vm = new FakeVm
                    {
                        Subscription = subscription,
                        Name = $"gpu-{region}-{i:0000}",
                        Location = region,
                        TimeCreated = now.AddDays(-3),
                        Tags = orphan ? new(StringComparer.OrdinalIgnoreCase) { ["project"] = "x" } : new(StringComparer.OrdinalIgnoreCase) { ["owner"] = "alice" },
                    };
                    var firstBin = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.FromMinutes(5).Ticks), TimeSpan.Zero).AddMinutes(-35);
                    for (var bin = firstBin; bin <= now; bin = bin.AddMinutes(5))
                    {
                        vm.Gpu[bin] = idle ? [1, 0] : [90, 40];
                        vm.Cpu[bin] = idle ? 2 : 55;
                    }

                    cloud.Vms.Add(vm);
                }
            }
        }

        var policy = new Policy
        {
            Name = "azure-enforce-5000",
            Mode = PolicyMode.Enforce,
            Accounts = accounts,
            Idle = new IdleRule { Window = TimeSpan.FromMinutes(30) },
            Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromDays(1) },
            Safety = new SafetyRule { MaxActionsPerSweep = 10_000 },
        };
        var counter = new ApiRequestCounter();
        var options = new AzureProviderOptions
        {
            Endpoints = AzureEndpoints.FromSettings(name => name switch
            {
                AzureEndpoints.ArmSetting => FakeAzureCloud.Host,
                AzureEndpoints.MetricsSetting => FakeAzureCloud.Host + "/metrics/{region}",
                AzureEndpoints.LogsSetting => FakeAzureCloud.Host + "/logs",
                _ => null,
            }),
            Credential = new FakeTokenCredential(),
            Transport = new HttpClientTransport(new HttpClient(cloud)),
        };
        var provider = new AzureFleetProvider(options, new InMemoryBillingCache(), counter, TimeProvider.System);
        var statePath = Path.Combine(Path.GetTempPath(), $"costguard-bench-{Guid.NewGuid():N}.db");
        try
        {
            var state = await SqliteStateStore.OpenAsync(statePath, CancellationToken.None).ConfigureAwait(false);
            var sweep = new GuardSweep([provider], state, notifier: null, TimeProvider.System, counter);
            var wall = Stopwatch.StartNew();
            var result = await sweep.RunAsync(policy, new SweepOptions { Act = true }, CancellationToken.None).ConfigureAwait(false);
            wall.Stop();

            var byKind = result.Outcomes
                .GroupBy(o => $"{o.Action.Action} {o.Status}")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Count()}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"enforce over {cloud.Vms.Count} GPU VMs ({Subscriptions} subscriptions x {Regions.Length} regions): {result.Plan.Actions.Count} planned actions, wall {wall.Elapsed.TotalSeconds:0.0} s (real time, default options)")).ConfigureAwait(false);
            await output.WriteLineAsync("  outcomes: " + string.Join(", ", byKind)).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  deallocated in the fake: {cloud.Vms.Count(v => v.PowerState == "deallocated")}, orphan-marked: {cloud.Vms.Count(v => v.Tags.ContainsKey("costguard:orphan"))}, held: {result.Held.Count}")).ConfigureAwait(false);
            await output.WriteLineAsync("  requests: " + string.Join(", ", counter.Snapshot().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))).ConfigureAwait(false);
            return result.Outcomes.All(o => o.Status == ActionStatus.Applied) ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(statePath);
        }
    }
}
