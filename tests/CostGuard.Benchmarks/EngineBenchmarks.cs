using BenchmarkDotNet.Attributes;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Benchmarks;

/// <summary>
/// One evaluation over 100,000 GPU instances in 20 accounts, each with a 30-minute window of 1-minute
/// samples (3.1 M samples), with every rule switched on. Target: well under a second on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);
    private readonly DecisionEngine _engine = new();
    private Policy _policy = null!;
    private FleetSnapshot _snapshot = null!;

    [Params(100_000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _policy = new Policy
        {
            Name = "bench",
            Mode = PolicyMode.Enforce,
            Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), CpuUtilBelow = 10 },
            Orphans = new OrphanRule { RequiredTags = ["owner", "cost-center"], StopAfter = TimeSpan.FromHours(4), TerminateAfter = TimeSpan.FromDays(7) },
            Exemptions = new ExemptionRule { MaxDuration = TimeSpan.FromDays(14) },
            SpendCap = new SpendCapRule { MonthlyUsd = 5_000_000m, MaxHourlyBurnUsd = 50_000m, WarnAtPercent = [50, 80, 90] },
            Anomaly = new AnomalyRule(),
            Safety = new SafetyRule { MaxActionsPerSweep = 1000 },
        };

        var random = new Random(42);
        string[] types = ["p4d.24xlarge", "p5.48xlarge", "g5.xlarge", "g6.12xlarge"];
        decimal[] prices = [32.77m, 98.32m, 1.006m, 4.602m];
        var accounts = new List<AccountSnapshot>();
        const int accountCount = 20;
        for (var a = 0; a < accountCount; a++)
        {
            var accountId = (100000000000L + a).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var instances = new List<InstanceSnapshot>(Instances / accountCount);
            for (var i = 0; i < Instances / accountCount; i++)
            {
                var t = random.Next(types.Length);
                var busy = random.NextDouble() < 0.7;
                var samples = new UtilizationSample[31];
                for (var s = 0; s <= 30; s++)
                {
                    var missing = random.NextDouble() < 0.01;
                    samples[s] = new UtilizationSample(
                        Now.AddMinutes(s - 30),
                        missing ? null : busy ? 40 + (random.NextDouble() * 60) : random.NextDouble() * 4,
                        busy ? 50 : 3);
                }

                var tags = new Dictionary<string, string> { ["cost-center"] = "ml" };
                if (random.NextDouble() < 0.95)
                {
                    tags["owner"] = "user" + random.Next(200).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (random.NextDouble() < 0.02)
                {
                    tags["costguard:exempt-until"] = "2026-12-01T00:00:00Z";
                }

                instances.Add(new InstanceSnapshot
                {
                    Cloud = CloudKind.Aws,
                    Account = accountId,
                    Region = i % 2 == 0 ? "us-east-1" : "us-west-2",
                    Id = $"i-{a:x2}{i:x8}",
                    Type = types[t],
                    State = InstanceState.Running,
                    LaunchTime = Now.AddMinutes(-random.Next(20, 5000)),
                    Tags = tags,
                    UsdPerHour = prices[t],
                    Samples = samples,
                });
            }

            accounts.Add(new AccountSnapshot { Cloud = CloudKind.Aws, Id = accountId, Instances = instances, MonthToDateUsd = 1_000_000m });
        }

        _snapshot = new FleetSnapshot { Accounts = accounts };
    }

    [Benchmark]
    public int EvaluateFleet() => _engine.Evaluate(_policy, _snapshot, Now).Actions.Count;
}
