using CostGuard.Fleet;
using CostGuard.Policies;
using static CostGuard.Engine.TestFleet;

namespace CostGuard.Engine;

public sealed class SafetyAndFocusTests
{
    [Fact]
    public void Evaluate_OverActionLimit_KeepsHighestPriorityAndAlerts()
    {
        var policy = Policy(p => p with
        {
            Idle = new IdleRule(),
            Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromHours(1) },
            SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 70m },
            Safety = new SafetyRule { MaxActionsPerSweep = 2 },
        });
        var idle1 = Gpu("i-idle1", Start.AddHours(-5), usdPerHour: 10m, samples: Idle(Start));
        var idle2 = Gpu("i-idle2", Start.AddHours(-5), usdPerHour: 10m, samples: Idle(Start));
        var orphan = Gpu("i-orphan", Start.AddHours(-5), usdPerHour: 10m, samples: Busy(Start),
            tags: new Dictionary<string, string> { ["costguard:orphan"] = "2026-11-26T10:00:00Z" });
        var unmarked = Gpu("i-unmarked", Start.AddHours(-4), usdPerHour: 10m, samples: Busy(Start), tags: new Dictionary<string, string>());
        var busy1 = Gpu("i-busy1", Start.AddHours(-2), usdPerHour: 40m, samples: Busy(Start));
        var busy2 = Gpu("i-busy2", Start.AddHours(-1), usdPerHour: 40m, samples: Busy(Start));

        var plan = Evaluate(policy, Snapshot(idle1, idle2, orphan, unmarked, busy1, busy2), Clock());

        // Burn after idle+orphan stops is 90 > 70: i-busy2 stops for burn-cap. Kept: burn-cap, then orphan.
        Assert.Equal(["i-busy2", "i-orphan"], plan.Actions.Where(a => a.IsDisruptive).Select(a => a.Instance.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["i-idle1", "i-idle2"], plan.Deferred.Select(a => a.Instance.Id));
        Assert.Contains(plan.Actions, a => a.Action == ActionKind.Tag && a.Instance.Id == "i-unmarked");
        var alert = Assert.Single(plan.Alerts, a => a.Kind == AlertKind.ActionLimit);
        Assert.Equal(AccountA, alert.Account);
    }

    [Fact]
    public void Evaluate_ActionLimitAcrossAccounts_CountsAllAccounts()
    {
        var policy = Policy(p => p with { Idle = new IdleRule(), Safety = new SafetyRule { MaxActionsPerSweep = 1 } });
        var a = Gpu("i-a", Start.AddHours(-2), account: AccountA, samples: Idle(Start));
        var b = Gpu("i-b", Start.AddHours(-2), account: AccountB, samples: Idle(Start));

        var plan = Evaluate(policy, Snapshot(a, b), Clock());

        Assert.Single(plan.Actions);
        Assert.Single(plan.Deferred);
    }

    [Fact]
    public void Evaluate_LimitKeepsSomeOfOnePriority_NewestLaunchedFirstTiesByHigherId()
    {
        var policy = Policy(p => p with { Idle = new IdleRule(), Safety = new SafetyRule { MaxActionsPerSweep = 2 } });
        var oldest = Gpu("i-z-oldest", Start.AddHours(-5), samples: Idle(Start));
        var tieLow = Gpu("i-a-tie", Start.AddHours(-2), samples: Idle(Start));
        var tieHigh = Gpu("i-b-tie", Start.AddHours(-2), samples: Idle(Start));
        var newest = Gpu("i-0-newest", Start.AddHours(-1), samples: Idle(Start));

        var plan = Evaluate(policy, Snapshot(oldest, tieLow, tieHigh, newest), Clock());

        // Kept: launched 18:30 (newest), then of the two launched 17:30 the higher id; 14:30 and the lower tie id wait.
        Assert.Equal(["i-0-newest", "i-b-tie"], plan.Actions.Where(a => a.IsDisruptive).Select(a => a.Instance.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["i-a-tie", "i-z-oldest"], plan.Deferred.Select(a => a.Instance.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_AtActionLimit_NoAlert()
    {
        var policy = Policy(p => p with { Idle = new IdleRule(), Safety = new SafetyRule { MaxActionsPerSweep = 2 } });

        var plan = Evaluate(policy, Snapshot(Gpu("i-a", Start.AddHours(-2)), Gpu("i-b", Start.AddHours(-2))), Clock());

        Assert.Equal(2, plan.Actions.Count);
        Assert.Empty(plan.Alerts);
    }

    [Fact]
    public void Evaluate_LaunchFocus_SeesWholeAccountButActsOnlyOnLaunchedInstance()
    {
        var policy = Policy(p => p with { Idle = new IdleRule(), SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 50m } });
        var idle = Gpu("i-idle", Start.AddHours(-5), usdPerHour: 20m, samples: Idle(Start));
        var busy = Gpu("i-busy", Start.AddHours(-2), usdPerHour: 20m, samples: Busy(Start));
        var launched = Gpu("i-new", Start, usdPerHour: 20m);
        var other = Gpu("i-other", Start, account: AccountB, usdPerHour: 90m);

        var plan = Evaluate(policy, Snapshot(idle, busy, launched, other), Clock(), new EvaluationFocus(CloudKind.Aws, AccountA, "i-new"));

        // The idle stop (next sweep) already brings burn to 40 <= 50: the launch is allowed.
        Assert.Empty(plan.Actions);
        Assert.Single(plan.Accounts);
    }

    [Fact]
    public void Evaluate_LaunchPushesBurnOverCap_StopsLaunchedInstance()
    {
        var policy = Policy(p => p with { SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 50m } });
        var busy = Gpu("i-busy", Start.AddHours(-2), usdPerHour: 40m, samples: Busy(Start));
        var launched = Gpu("i-new", Start, usdPerHour: 20m);

        var plan = Evaluate(policy, Snapshot(busy, launched), Clock(), new EvaluationFocus(CloudKind.Aws, AccountA, "i-new"));

        Assert.Equal(["i-new"], Stopped(plan, ActionReason.BurnCap));
        Assert.Equal(AlertKind.BurnCap, Assert.Single(plan.Alerts).Kind);
    }
}
