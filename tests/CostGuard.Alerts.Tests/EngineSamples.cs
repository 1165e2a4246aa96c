using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Alerts.Tests;

/// <summary>A small fleet evaluated by the real decision engine, so messages are tested on the engine's own words.</summary>
internal static class EngineSamples
{
    public static Policy Policy(AlertsConfig? alerts = null) => Samples.Policy(alerts) with
    {
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
        SpendCap = new SpendCapRule { MonthlyUsd = 50_000m, WarnAtPercent = [80] },
        Orphans = new OrphanRule { RequiredTags = ["owner", "team"], StopAfter = TimeSpan.FromDays(2), TerminateAfter = TimeSpan.FromDays(7) },
        Exemptions = new ExemptionRule { MaxDuration = TimeSpan.FromDays(14) },
    };

    /// <param name="extraIdle">More idle instances, for digests with more items than they show.</param>
    public static Plan Evaluate(Policy policy, int extraIdle = 0)
    {
        var now = Samples.Now;
        var idle = Samples.Instance(id: "i-0idle000000000001", owner: "alice") with { Samples = Flat(now, 1) };
        var busy = Samples.Instance(id: "i-0busy000000000001", owner: "bob") with { Samples = Flat(now, 95) };
        var orphan = Samples.Instance(id: "i-0orphan0000000001", owner: "carol", team: null, usdPerHour: 12.24m, type: "g5.12xlarge") with { Samples = Flat(now, 90) };
        var badExemption = Samples.Instance(id: "i-0exempt0000000001", owner: "dana", usdPerHour: 98.32m, type: "p5.48xlarge") with
        {
            Samples = Flat(now, 80),
            Tags = new Dictionary<string, string> { ["owner"] = "dana", ["team"] = "vision", ["costguard:exempt-until"] = "2027-06-01T00:00:00Z" },
        };
        var snapshot = new FleetSnapshot
        {
            Accounts =
            [
                new AccountSnapshot
                {
                    Cloud = CloudKind.Aws,
                    Id = Samples.AwsAccount,
                    MonthToDateUsd = 41_000m,
                    SpendAsOf = now,
                    Instances = [idle, busy, orphan, badExemption, .. ExtraIdle(now, extraIdle)],
                },
            ],
        };
        return new DecisionEngine().Evaluate(policy, snapshot, now);
    }

    /// <summary>The sweep's batch as the enforce path builds it: every planned action applied.</summary>
    public static AlertBatch Batch(Plan plan) => new()
    {
        Time = plan.EvaluatedAt,
        Alerts = plan.Alerts,
        Actions = [.. plan.Actions.Select(a => new ActionOutcome(a, ActionStatus.Applied))],
    };

    private static IEnumerable<InstanceSnapshot> ExtraIdle(DateTimeOffset now, int count)
    {
        string[] owners = ["erin", "frank", "grace", "heidi"];
        string[] types = ["g5.xlarge", "g6.2xlarge", "p3.2xlarge", "g4dn.xlarge"];
        decimal[] prices = [1.006m, 0.978m, 3.06m, 0.526m];
        for (var i = 0; i < count; i++)
        {
            yield return Samples.Instance(id: $"i-0idle{i + 2:D13}", owner: owners[i % 4], usdPerHour: prices[i % 4], type: types[i % 4]) with { Samples = Flat(now, 0.5) };
        }
    }

    private static List<UtilizationSample> Flat(DateTimeOffset now, double gpu)
    {
        var list = new List<UtilizationSample>();
        for (var t = now.AddHours(-1); t <= now; t += TimeSpan.FromMinutes(1))
        {
            list.Add(new UtilizationSample(t, gpu, 3));
        }

        return list;
    }
}
