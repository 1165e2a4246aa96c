using CostGuard.Fleet;
using CostGuard.Policies;
using static CostGuard.Engine.TestFleet;

namespace CostGuard.Engine;

public sealed class SpendRuleTests
{
    private static Policy CapPolicy(SpendCapRule cap, IdleRule? idle = null) => Policy(p => p with { SpendCap = cap, Idle = idle });

    [Fact]
    public void Evaluate_BurnOverCap_StopsNewestFirstUntilUnder()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 50m });
        var oldest = Gpu("i-a", Start.AddHours(-5), usdPerHour: 20m, samples: Busy(Start));
        var middle = Gpu("i-b", Start.AddHours(-2), usdPerHour: 20m, samples: Busy(Start));
        var newest = Gpu("i-c", Start.AddMinutes(-1), usdPerHour: 20m);

        var plan = Evaluate(policy, Snapshot(oldest, middle, newest), Clock());

        Assert.Equal(["i-c"], Stopped(plan, ActionReason.BurnCap));
        var summary = Assert.Single(plan.Accounts);
        Assert.Equal(60m, summary.BurnUsdPerHour);
        Assert.Equal(40m, summary.BurnAfterPlanUsdPerHour);
    }

    [Fact]
    public void Evaluate_BurnExactlyAtCap_StopsNothing()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 40m });

        var plan = Evaluate(policy, Snapshot(Gpu("i-a", Start.AddHours(-1), usdPerHour: 20m), Gpu("i-b", Start, usdPerHour: 20m)), Clock());

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Alerts);
    }

    [Fact]
    public void Evaluate_BurnTieOnLaunchTime_StopsHigherIdFirst()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 30m });
        var launched = Start.AddMinutes(-3);

        var plan = Evaluate(policy, Snapshot(Gpu("i-0aa", launched, usdPerHour: 20m), Gpu("i-0bb", launched, usdPerHour: 20m)), Clock());

        Assert.Equal(["i-0bb"], Stopped(plan));
    }

    [Fact]
    public void Evaluate_BurnCountedAfterIdleStops_NoBurnCapStops()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 30m }, new IdleRule());
        var idle = Gpu("i-idle", Start.AddHours(-3), usdPerHour: 20m, samples: Idle(Start));
        var busy = Gpu("i-busy", Start.AddHours(-1), usdPerHour: 20m, samples: Busy(Start));

        var plan = Evaluate(policy, Snapshot(idle, busy), Clock());

        Assert.Equal(["i-idle"], Stopped(plan, ActionReason.Idle));
        Assert.Empty(Stopped(plan, ActionReason.BurnCap));
        Assert.DoesNotContain(plan.Alerts, a => a.Kind == AlertKind.BurnCap);
    }

    [Fact]
    public void Evaluate_CapsArePerAccountNotFleetWide()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 30m, MonthlyUsd = 1000m });
        var a = Gpu("i-a", Start.AddHours(-1), account: AccountA, usdPerHour: 25m);
        var b = Gpu("i-b", Start.AddHours(-1), account: AccountB, usdPerHour: 25m);

        // Each account burns 25/h and has spent 600: the fleet would be over both caps, no account is.
        var plan = Evaluate(policy, Snapshot(600m, a, b), Clock());

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Alerts);
    }

    [Fact]
    public void Evaluate_BurnSumsEveryRegionOfAnAccount()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 30m });
        var east = Gpu("i-east", Start.AddHours(-2), usdPerHour: 20m);
        var west = Gpu("i-west", Start.AddHours(-1), usdPerHour: 20m) with { Region = "us-west-2" };

        var plan = Evaluate(policy, Snapshot(east, west), Clock());

        Assert.Equal(["i-west"], Stopped(plan, ActionReason.BurnCap));
    }

    [Fact]
    public void Evaluate_PerAccountOverride_ReplacesTheCapForThatAccountOnly()
    {
        var policy = CapPolicy(new SpendCapRule
        {
            MaxHourlyBurnUsd = 30m,
            PerAccount = new Dictionary<string, AccountCapOverride> { [AccountB] = new() { MaxHourlyBurnUsd = 100m } },
        });
        var a1 = Gpu("i-a1", Start.AddHours(-2), account: AccountA, usdPerHour: 20m);
        var a2 = Gpu("i-a2", Start.AddHours(-1), account: AccountA, usdPerHour: 20m);
        var b1 = Gpu("i-b1", Start.AddHours(-2), account: AccountB, usdPerHour: 20m);
        var b2 = Gpu("i-b2", Start.AddHours(-1), account: AccountB, usdPerHour: 20m);

        var plan = Evaluate(policy, Snapshot(a1, a2, b1, b2), Clock());

        Assert.Equal(["i-a2"], Stopped(plan));
    }

    [Fact]
    public void Evaluate_NonGpuInstances_DoNotCountInBurn()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 30m });
        var gpu = Gpu("i-gpu", Start.AddHours(-1), usdPerHour: 20m);
        var cpu = Gpu("i-cpu", Start, type: "c7i.48xlarge", usdPerHour: 20m);

        var plan = Evaluate(policy, Snapshot(gpu, cpu), Clock());

        Assert.Empty(plan.Actions);
        Assert.Equal(20m, Assert.Single(plan.Accounts).BurnUsdPerHour);
    }

    [Fact]
    public void Evaluate_MonthToDateAtCap_StopsEveryNonExemptRunningGpu()
    {
        var policy = CapPolicy(new SpendCapRule { MonthlyUsd = 30m }) with { Exemptions = new ExemptionRule() };
        var exempt = Gpu("i-exempt", Start.AddHours(-1), tags: new Dictionary<string, string>
        {
            ["owner"] = "a",
            ["costguard:exempt-until"] = "2026-11-27T00:00:00Z",
        });
        var stopped = Gpu("i-stopped", Start.AddHours(-1), state: InstanceState.Stopped);

        // 10.1 + 9.9 + 10.0 is exactly 30 in decimal; in floating point it is 29.999999999999996.
        var plan = Evaluate(policy, Snapshot(10.1m + 9.9m + 10.0m, Gpu("i-a", Start.AddHours(-1)), Gpu("i-b", Start), exempt, stopped), Clock());

        Assert.Equal(["i-a", "i-b"], Stopped(plan, ActionReason.MonthlyCap).Order(StringComparer.Ordinal));
        Assert.Contains(plan.Alerts, a => a.Kind == AlertKind.CapBreach && a.Severity == AlertSeverity.Critical);
    }

    [Fact]
    public void Evaluate_MonthToDateJustUnderCap_StopsNothing()
    {
        var plan = Evaluate(CapPolicy(new SpendCapRule { MonthlyUsd = 30m }), Snapshot(29.99m, Gpu("i-a", Start)), Clock());

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Alerts);
    }

    [Fact]
    public void Evaluate_MonthlyAndBurnBothBreached_MonthlyCapWins()
    {
        var policy = CapPolicy(new SpendCapRule { MonthlyUsd = 100m, MaxHourlyBurnUsd = 10m });

        var plan = Evaluate(policy, Snapshot(100m, Gpu("i-a", Start.AddHours(-1), usdPerHour: 20m)), Clock());

        Assert.Equal(["i-a"], Stopped(plan, ActionReason.MonthlyCap));
        Assert.Contains(plan.Alerts, a => a.Kind == AlertKind.BurnCap);
        Assert.Contains(plan.Alerts, a => a.Kind == AlertKind.CapBreach);
    }

    [Fact]
    public void Evaluate_WarnThresholds_EachOncePerAccountAndMonth()
    {
        var policy = CapPolicy(new SpendCapRule { MonthlyUsd = 1000m, WarnAtPercent = [50, 80, 90] });
        var clock = Clock();

        var first = Evaluate(policy, Snapshot(810m, Gpu("i-a", Start)), clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = Evaluate(policy, Snapshot(850m, Gpu("i-a", Start)) with { Memory = first.Memory }, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        var third = Evaluate(policy, Snapshot(900m, Gpu("i-a", Start)) with { Memory = second.Memory }, clock);

        Assert.Equal(2, first.Alerts.Count(a => a.Kind == AlertKind.CapWarning));
        Assert.Empty(second.Alerts);
        Assert.Contains("90%", Assert.Single(third.Alerts).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MonthRolloverAtMidnightUtc_WarnsAndBreachesAgain()
    {
        var policy = CapPolicy(new SpendCapRule { MonthlyUsd = 100m, WarnAtPercent = [50] });
        var clock = Clock(new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero));

        var november = Evaluate(policy, Snapshot(120m, Gpu("i-a", Start)), clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        var december = Evaluate(policy, Snapshot(120m, Gpu("i-b", Start)) with { Memory = november.Memory }, clock);
        var decemberAgain = Evaluate(policy, Snapshot(120m, Gpu("i-c", Start)) with { Memory = december.Memory }, clock);

        Assert.Equal([AlertKind.CapWarning, AlertKind.CapBreach], november.Alerts.Select(a => a.Kind));
        Assert.Equal([AlertKind.CapWarning, AlertKind.CapBreach], december.Alerts.Select(a => a.Kind));
        Assert.Empty(decemberAgain.Alerts);
    }

    [Fact]
    public void Evaluate_BurnCapAlert_OncePerEpisodeAgainAfterBackUnder()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 30m }) with { Mode = PolicyMode.DryRun };
        var clock = Clock();
        var over = Snapshot(Gpu("i-a", Start.AddHours(-1), usdPerHour: 20m), Gpu("i-b", Start, usdPerHour: 20m));
        var under = Snapshot(Gpu("i-a", Start.AddHours(-1), usdPerHour: 20m));

        var first = Evaluate(policy, over, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        var stillOver = Evaluate(policy, over with { Memory = first.Memory }, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        var backUnder = Evaluate(policy, under with { Memory = stillOver.Memory }, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        var overAgain = Evaluate(policy, over with { Memory = backUnder.Memory }, clock);

        Assert.Equal(AlertKind.BurnCap, Assert.Single(first.Alerts).Kind);
        Assert.Empty(stillOver.Alerts);
        Assert.Empty(backUnder.Alerts);
        Assert.Equal(AlertKind.BurnCap, Assert.Single(overAgain.Alerts).Kind);
        Assert.Equal(["i-b"], Stopped(stillOver, ActionReason.BurnCap));
    }

    [Fact]
    public void Evaluate_DryRunPolicy_PlansTheSameActionsAndSaysDryRun()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 30m }) with { Mode = PolicyMode.DryRun };

        var plan = Evaluate(policy, Snapshot(Gpu("i-a", Start.AddHours(-1), usdPerHour: 20m), Gpu("i-b", Start, usdPerHour: 20m)), Clock());

        Assert.Equal(PolicyMode.DryRun, plan.Mode);
        Assert.Equal(["i-b"], Stopped(plan));
    }

    [Fact]
    public void Evaluate_AccountNotListedInPolicy_IsNotActedOn()
    {
        var policy = CapPolicy(new SpendCapRule { MaxHourlyBurnUsd = 1m }) with
        {
            Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = AccountB }],
        };

        var plan = Evaluate(policy, Snapshot(Gpu("i-a", Start, account: AccountA, usdPerHour: 20m)), Clock());

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Accounts);
    }
}
