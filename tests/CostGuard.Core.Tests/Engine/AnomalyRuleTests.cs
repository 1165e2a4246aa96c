using CostGuard.Fleet;
using CostGuard.Policies;
using static CostGuard.Engine.TestFleet;

namespace CostGuard.Engine;

public sealed class AnomalyRuleTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 26, 0, 5, 0, TimeSpan.Zero);

    private static Policy AnomalyPolicy() => Policy(p => p with
    {
        Anomaly = new AnomalyRule { UserTag = "owner", BaselineDays = 14, MinBaselineDays = 7, Threshold = 3.5, MinDailyUsd = 50m },
    });

    private static FleetSnapshot WithDays(IEnumerable<DailyUsage> days) => new()
    {
        Accounts = [new AccountSnapshot { Cloud = CloudKind.Aws, Id = AccountA, Instances = [], DailyUsage = days.ToList() }],
    };

    private static IEnumerable<DailyUsage> Baseline(int days, decimal spend = 300m, int users = 3)
    {
        var yesterday = new DateOnly(2026, 11, 25);
        for (var i = days; i >= 1; i--)
        {
            // A little day-to-day variation, as real spend has.
            yield return new DailyUsage { Day = yesterday.AddDays(-i), SpendUsd = spend + (i % 3 * 10m), ActiveUsers = users };
        }
    }

    private static DailyUsage Spike(decimal spend = 2400m, int users = 2) => new()
    {
        Day = new DateOnly(2026, 11, 25),
        SpendUsd = spend,
        ActiveUsers = users,
        SpendByUser = new Dictionary<string, decimal> { ["alice"] = 1900m, ["bob"] = 400m, ["carol"] = 60m, ["dave"] = 40m },
    };

    [Fact]
    public void Evaluate_CostPerUserSpike_AlertsNamingDayMedianAndTopUsers()
    {
        var plan = Evaluate(AnomalyPolicy(), WithDays(Baseline(14).Append(Spike())), Clock(Morning));

        var alert = Assert.Single(plan.Alerts);
        Assert.Equal(AlertKind.Anomaly, alert.Kind);
        Assert.Equal(AccountA, alert.Account);
        Assert.Contains("2026-11-25", alert.Message, StringComparison.Ordinal);
        Assert.Contains("$1,200.00", alert.Message, StringComparison.Ordinal);
        Assert.Contains("median of $103.33", alert.Message, StringComparison.Ordinal);
        Assert.Contains("alice $1,900.00, bob $400.00, carol $60.00", alert.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dave", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SameDayEvaluatedAgain_AlertsOnce()
    {
        var clock = Clock(Morning);
        var first = Evaluate(AnomalyPolicy(), WithDays(Baseline(14).Append(Spike())), clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        var second = Evaluate(AnomalyPolicy(), WithDays(Baseline(14).Append(Spike())) with { Memory = first.Memory }, clock);

        Assert.Single(first.Alerts);
        Assert.Empty(second.Alerts);
    }

    [Fact]
    public void Evaluate_SpendBelowMinDailyUsd_NoAlert()
    {
        var days = Baseline(14, spend: 3m, users: 3).Append(Spike(spend: 49m, users: 1));

        Assert.Empty(Evaluate(AnomalyPolicy(), WithDays(days), Clock(Morning)).Alerts);
    }

    [Fact]
    public void Evaluate_FewerThanMinBaselineDays_NoAlert()
    {
        Assert.Empty(Evaluate(AnomalyPolicy(), WithDays(Baseline(6).Append(Spike())), Clock(Morning)).Alerts);
        Assert.Single(Evaluate(AnomalyPolicy(), WithDays(Baseline(7).Append(Spike())), Clock(Morning)).Alerts);
    }

    [Fact]
    public void Evaluate_OrdinaryDay_NoAlert()
    {
        var days = Baseline(14).Append(new DailyUsage { Day = new DateOnly(2026, 11, 25), SpendUsd = 330m, ActiveUsers = 3 });

        Assert.Empty(Evaluate(AnomalyPolicy(), WithDays(days), Clock(Morning)).Alerts);
    }

    [Fact]
    public void Evaluate_FlatBaseline_MadFlooredAtFivePercentOfMedian()
    {
        // Baseline CPAU exactly 100 every day: MAD 0 is floored to 5, so z = (x - 100) / 7.413.
        var flat = Enumerable.Range(1, 14).Select(i => new DailyUsage { Day = new DateOnly(2026, 11, 25).AddDays(-i), SpendUsd = 100m, ActiveUsers = 1 });
        var justUnder = flat.Append(new DailyUsage { Day = new DateOnly(2026, 11, 25), SpendUsd = 125m, ActiveUsers = 1 });
        var justOver = flat.Append(new DailyUsage { Day = new DateOnly(2026, 11, 25), SpendUsd = 126m, ActiveUsers = 1 });

        Assert.Empty(Evaluate(AnomalyPolicy(), WithDays(justUnder), Clock(Morning)).Alerts);
        Assert.Single(Evaluate(AnomalyPolicy(), WithDays(justOver), Clock(Morning)).Alerts);
    }

    [Fact]
    public void Evaluate_NoActiveUsers_DividesByOne()
    {
        var days = Baseline(14).Append(new DailyUsage { Day = new DateOnly(2026, 11, 25), SpendUsd = 900m, ActiveUsers = 0 });

        Assert.Contains("$900.00", Assert.Single(Evaluate(AnomalyPolicy(), WithDays(days), Clock(Morning)).Alerts).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_OddAndEvenBaselines_UseTheMiddle()
    {
        Assert.Equal(2m, Rules.RobustStatistics.Median([3m, 1m, 2m]));
        Assert.Equal(2.5m, Rules.RobustStatistics.Median([4m, 1m, 3m, 2m]));
    }
}
