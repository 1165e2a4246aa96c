using CostGuard.Aws.Pricing;
using CostGuard.Aws.Spend;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Time;

namespace CostGuard.Aws;

/// <summary>Turns region reads and billed spend into the engine's account snapshot, with prices and notes.</summary>
internal static class AwsSnapshotBuilder
{
    public static AccountReadResult Build(Policy policy, AccountScope account, IReadOnlyList<RegionRead> regions, AwsSpend spend, AwsPriceTable prices, DateTimeOffset now)
    {
        var notes = new List<InstanceNote>();
        var instances = new List<InstanceSnapshot>();
        foreach (var region in regions)
        {
            notes.AddRange(region.Notes);
            foreach (var raw in region.Instances)
            {
                var price = prices.Lookup(region.Region, raw.Type, policy.Pricing);
                if (price is null)
                {
                    notes.Add(new InstanceNote(raw.Id, $"unknown price: no on-demand price for {raw.Type} in {region.Region}; its burn counts as $0/h until pricing.usdPerHour names it"));
                }

                if (raw.Spot)
                {
                    notes.Add(new InstanceNote(raw.Id, "spot instance: priced at the on-demand rate (an upper bound)"));
                }

                instances.Add(new InstanceSnapshot
                {
                    Cloud = CloudKind.Aws,
                    Account = account.Id,
                    Region = region.Region,
                    Id = raw.Id,
                    Type = raw.Type,
                    State = State(raw.State),
                    LaunchTime = raw.LaunchTime ?? now,
                    Tags = raw.Tags,
                    UsdPerHour = price ?? 0m,
                    Spot = raw.Spot,
                    Samples = region.Samples.TryGetValue(raw.Id, out var samples) ? samples : [],
                });
            }
        }

        var problems = regions.Where(r => r.Problem is not null).Select(r => r.Problem!).ToList();
        var gaps = problems.Select(p => ReadGap.Whole(ReadPart.Inventory, p)).ToList();
        foreach (var region in regions.Where(r => r.MetricsProblem is not null))
        {
            problems.Add(region.MetricsProblem!);
            gaps.Add(new ReadGap(ReadPart.Metrics, region.MetricsProblem!, region.MetricsFailedFor ?? []));
        }

        if (spend.Problem is not null)
        {
            var problem = $"{spend.Problem}; month-to-date spend counts live burn only (a lower bound)";
            problems.Add(problem);
            gaps.Add(ReadGap.Whole(ReadPart.Billing, problem));
        }

        var snapshot = new AccountSnapshot
        {
            Cloud = CloudKind.Aws,
            Id = account.Id,
            MonthToDateUsd = decimal.Round(spend.BilledUsd + LiveBurnSince(instances, spend.BilledUntil ?? IsoTime.MonthStart(now), now), 2),
            SpendAsOf = spend.BilledUntil,

            // A failed Cost Explorer query leaves the billed part unknown, not $0.
            BilledUsd = spend.Problem is null ? spend.BilledUsd : null,
            Instances = instances,
            DailyUsage = spend.Daily,
        };
        return new AccountReadResult
        {
            Account = account,
            Snapshot = snapshot,
            Complete = regions.All(r => r.Problem is null),
            Problems = problems,
            Notes = notes,
            Gaps = gaps,
        };
    }

    /// <summary>Spend billing has not seen yet: each billing instance's price since the later of its launch and the billing data's end.</summary>
    private static decimal LiveBurnSince(IEnumerable<InstanceSnapshot> instances, DateTimeOffset billedUntil, DateTimeOffset now) =>
        instances.Where(i => i.IsBilling).Sum(i =>
        {
            var from = i.LaunchTime > billedUntil ? i.LaunchTime : billedUntil;
            var hours = from < now ? (decimal)(now - from).TotalHours : 0m;
            return i.UsdPerHour * hours;
        });

    public static InstanceState State(string name) => name switch
    {
        "pending" => InstanceState.Pending,
        "running" => InstanceState.Running,
        "stopping" => InstanceState.Stopping,
        "stopped" => InstanceState.Stopped,
        _ => InstanceState.Terminated,
    };
}
