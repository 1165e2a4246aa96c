using System.Globalization;
using CostGuard.Azure;
using CostGuard.Azure.Fakes;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Benchmarks.Azure;

/// <summary>
/// 5,000 GPU VMs over 5 subscriptions x 2 regions in the in-process fake cloud, two Log Analytics workspaces,
/// half a month of daily cost rows per VM; and the protocol minimum of requests for one sweep over it.
/// </summary>
internal sealed class AzureFleet5000
{
    public const int Subscriptions = 5;
    public const int VmsPerRegion = 500;
    public const int VmPageSize = 100;
    public const int CostPageSize = 5000;
    public static readonly string[] Regions = ["eastus", "westeurope"];
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);

    public AzureFleet5000()
    {
        Harness = new AzureHarness(Now);
        var cloud = Harness.Cloud;
        cloud.VmPageSize = VmPageSize;
        cloud.CostPageSize = CostPageSize;
        var accounts = new List<AccountScope>();
        var random = new Random(7);
        for (var s = 0; s < Subscriptions; s++)
        {
            var subscription = $"00000000-0000-0000-0000-{s + 1:000000000000}";
            var workspace = s < 3 ? "ws-1" : "ws-2";
            if (!cloud.Workspaces.TryGetValue(workspace, out var members))
            {
                members = [];
                cloud.Workspaces[workspace] = members;
            }

            members.Add(subscription);
            accounts.Add(AzureHarness.Account(subscription, workspace));
            var costs = new List<(string, DateOnly, decimal)>();
            foreach (var region in Regions)
            {
                for (var i = 0; i < VmsPerRegion; i++)
                {
                    var roll = random.NextDouble();
                    var vm = Harness.AddVm(subscription, $"gpu-{region}-{i:0000}", region, power: roll < 0.05 ? "deallocated" : roll < 0.1 ? "stopped" : "running");
                    var busy = random.NextDouble() < 0.7;
                    for (var bin = new DateTimeOffset(2026, 11, 16, 11, 30, 0, TimeSpan.Zero); bin < Now; bin = bin.AddMinutes(5))
                    {
                        vm.Cpu[bin] = busy ? 55 : 2;
                        vm.Gpu[bin] = busy ? [90, 40] : [1, 0];
                    }

                    for (var day = 1; day <= 15; day++)
                    {
                        costs.Add((vm.Id, new DateOnly(2026, 11, day), 88.15m));
                    }
                }
            }

            cloud.Costs[subscription] = costs;
        }

        Policy = new Policy
        {
            Name = "azure-5000",
            Mode = PolicyMode.DryRun,
            Accounts = accounts,
            Idle = new IdleRule { Window = TimeSpan.FromMinutes(30) },
            SpendCap = new SpendCapRule { MonthlyUsd = 10_000_000m },
            Safety = new SafetyRule { MaxActionsPerSweep = 10_000 },
        };
    }

    public AzureHarness Harness { get; }

    public Policy Policy { get; }

    /// <summary>Reads every subscription and evaluates the plan: one sweep.</summary>
    public async Task<Plan> SweepAsync(DateTimeOffset now)
    {
        var snapshots = new List<AccountSnapshot>();
        foreach (var account in Policy.Accounts)
        {
            var read = await Harness.Provider.ReadAccountAsync(Policy, account, now, CancellationToken.None).ConfigureAwait(false);
            if (!read.Complete || read.Snapshot is null)
            {
                throw new InvalidOperationException($"subscription {account.Id}: {string.Join("; ", read.Problems)}");
            }

            snapshots.Add(read.Snapshot);
        }

        return new DecisionEngine().Evaluate(Policy, new FleetSnapshot { Accounts = snapshots }, now);
    }

    /// <summary>The least requests a sweep can make (per service:operation), given the fake's page sizes.</summary>
    public IReadOnlyDictionary<string, int> ProtocolMinimum(bool costManagementDue)
    {
        var cloud = Harness.Cloud;
        var perSubscription = cloud.Vms.GroupBy(v => v.Subscription).ToList();
        var listPages = perSubscription.Sum(g => Math.Max(1, (g.Count() + VmPageSize - 1) / VmPageSize));
        var batches = perSubscription.Sum(g => g.Where(v => v.PowerState != "deallocated")
            .GroupBy(v => v.Location).Sum(r => (r.Count() + 49) / 50));
        var costPages = perSubscription.Sum(g => Math.Max(1, (cloud.Costs[g.Key].Count + CostPageSize - 1) / CostPageSize));
        return new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["azure-arm:listVirtualMachines"] = listPages,
            ["azure-arm:listVirtualMachinesStatus"] = listPages,
            ["azure-monitor:getBatch"] = batches,
            ["azure-loganalytics:query"] = cloud.Workspaces.Count,
            ["azure-costmanagement:query"] = costManagementDue ? costPages : 0,
        };
    }

    public static string Format(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, int> minimum)
    {
        var lines = minimum.Keys.Union(counts.Keys).Order(StringComparer.Ordinal)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"  {k,-40} {counts.GetValueOrDefault(k),6} (minimum {minimum.GetValueOrDefault(k)})"));
        var total = counts.Values.Sum();
        var least = minimum.Values.Sum();
        return string.Join(Environment.NewLine, lines) + Environment.NewLine
            + string.Create(CultureInfo.InvariantCulture, $"  {"total",-40} {total,6} (minimum {least}, {(least == 0 ? 0 : 100.0 * (total - least) / least):0.#}% over)");
    }
}
