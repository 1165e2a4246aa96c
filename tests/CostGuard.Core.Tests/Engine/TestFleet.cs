using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Engine;

/// <summary>Builders for engine tests: a clock, GPU instances with samples, and accounts.</summary>
internal static class TestFleet
{
    public const string AccountA = "111122223333";
    public const string AccountB = "444455556666";

    /// <summary>Thursday 2026-11-26 19:30 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock(DateTimeOffset? at = null) => new(at ?? Start);

    public static Policy Policy(Func<Policy, Policy>? configure = null)
    {
        var policy = new Policy { Name = "test", Mode = PolicyMode.Enforce };
        return configure is null ? policy : configure(policy);
    }

    public static InstanceSnapshot Gpu(
        string id,
        DateTimeOffset launched,
        string account = AccountA,
        string type = "p4d.24xlarge",
        decimal usdPerHour = 32.77m,
        InstanceState state = InstanceState.Running,
        IReadOnlyDictionary<string, string>? tags = null,
        IReadOnlyList<UtilizationSample>? samples = null,
        CloudKind cloud = CloudKind.Aws) => new()
        {
            Cloud = cloud,
            Account = account,
            Region = "us-east-1",
            Id = id,
            Type = type,
            State = state,
            LaunchTime = launched,
            Tags = tags ?? new Dictionary<string, string> { ["owner"] = "alice", ["cost-center"] = "ml" },
            UsdPerHour = usdPerHour,
            Samples = samples ?? [],
        };

    /// <summary>Samples every <paramref name="step"/> from <paramref name="from"/> through <paramref name="to"/>.</summary>
    public static List<UtilizationSample> Samples(DateTimeOffset from, DateTimeOffset to, TimeSpan step, double? gpu, double? cpu = 50)
    {
        var list = new List<UtilizationSample>();
        for (var t = from; t <= to; t += step)
        {
            list.Add(new UtilizationSample(t, gpu, cpu));
        }

        return list;
    }

    /// <summary>Busy samples covering the hour before <paramref name="now"/>.</summary>
    public static List<UtilizationSample> Busy(DateTimeOffset now) => Samples(now.AddHours(-1), now, TimeSpan.FromMinutes(1), 90, 60);

    /// <summary>Idle samples covering the hour before <paramref name="now"/>.</summary>
    public static List<UtilizationSample> Idle(DateTimeOffset now) => Samples(now.AddHours(-1), now, TimeSpan.FromMinutes(1), 1, 2);

    public static FleetSnapshot Snapshot(params InstanceSnapshot[] instances) => Snapshot(0m, instances);

    public static FleetSnapshot Snapshot(decimal monthToDate, params InstanceSnapshot[] instances) => new()
    {
        Accounts = instances
            .GroupBy(i => (i.Cloud, i.Account))
            .Select(g => new AccountSnapshot { Cloud = g.Key.Cloud, Id = g.Key.Account, Instances = g.ToList(), MonthToDateUsd = monthToDate })
            .ToList(),
    };

    public static Plan Evaluate(Policy policy, FleetSnapshot snapshot, TimeProvider clock, EvaluationFocus? focus = null) =>
        new DecisionEngine().Evaluate(policy, snapshot, clock.GetUtcNow(), focus);

    public static IReadOnlyList<string> Stopped(Plan plan, ActionReason? reason = null) =>
        plan.Actions.Where(a => a.Action == ActionKind.Stop && (reason is null || a.Reason == reason)).Select(a => a.Instance.Id).ToList();
}
