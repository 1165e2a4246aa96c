using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using static CostGuard.Launches.LaunchFixtures;

namespace CostGuard.Launches;

public sealed class LaunchJudgeTests
{
    [Fact]
    public void Judge_LaunchThatFits_AllowedAndAddedToLedger()
    {
        var (verdict, next) = LaunchJudge.Judge(Policy(), Ledger(("i-old", 300m)), Gpu("i-new", 98.32m), GuardMemory.Empty, Now);

        Assert.Equal((LaunchDecision.Allowed, LaunchReasons.WithinCap), (verdict.Decision, verdict.Reason));
        Assert.Empty(verdict.Actions);
        Assert.Equal((300m, 398.32m), (verdict.BurnBeforeUsdPerHour, verdict.BurnAfterUsdPerHour));
        Assert.Equal(398.32m, next!.BurnUsdPerHour);
        Assert.Equal(LedgerEntryOrigin.Launch, next.Find("i-new")!.Origin);
    }

    [Fact]
    public void Judge_LaunchOverBurnCap_StoppedSayingTheBurnItWouldHaveReached()
    {
        var (verdict, next) = LaunchJudge.Judge(Policy(), Ledger(("i-old", 350m)), Gpu("i-new", 98.32m), GuardMemory.Empty, Now);

        Assert.Equal((LaunchDecision.Stopped, "burn-cap"), (verdict.Decision, verdict.Reason));
        var stop = Assert.Single(verdict.Actions);
        Assert.Equal((ActionKind.Stop, ActionReason.BurnCap), (stop.Action, stop.Reason));
        Assert.Contains("$448.32/h", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("$400.00/h cap", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal((350m, 350m), (verdict.BurnBeforeUsdPerHour, verdict.BurnAfterUsdPerHour));
        Assert.Equal(LedgerEntryStatus.Stopped, next!.Find("i-new")!.Status);
    }

    [Fact]
    public void Judge_LaunchExactlyReachingCap_Allowed()
    {
        var (verdict, _) = LaunchJudge.Judge(Policy(), Ledger(("i-old", 300m)), Gpu("i-new", 100m), GuardMemory.Empty, Now);

        Assert.Equal(LaunchDecision.Allowed, verdict.Decision);
    }

    [Fact]
    public void Judge_MonthToDateAtMonthlyCap_StoppedWithMonthlyCapAndBreachAlert()
    {
        var ledger = Ledger(("i-old", 10m)) with { MonthToDateUsd = 995m, MonthToDateAsOf = Now.AddHours(-1) };

        var (verdict, _) = LaunchJudge.Judge(Policy(burnCap: null, monthly: 1000m), ledger, Gpu("i-new", 5m), GuardMemory.Empty, Now);

        Assert.Equal((LaunchDecision.Stopped, "monthly-cap"), (verdict.Decision, verdict.Reason));
        Assert.Contains("$1,005.00", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal(AlertKind.CapBreach, Assert.Single(verdict.Alerts).Kind);
    }

    [Fact]
    public void Judge_MonthToDateBelowMonthlyCap_Allowed()
    {
        var ledger = Ledger(("i-old", 10m)) with { MonthToDateUsd = 980m, MonthToDateAsOf = Now.AddHours(-1) };

        var (verdict, _) = LaunchJudge.Judge(Policy(burnCap: null, monthly: 1000m), ledger, Gpu("i-new", 5m), GuardMemory.Empty, Now);

        Assert.Equal(LaunchDecision.Allowed, verdict.Decision);
    }

    [Fact]
    public void Judge_UntaggedLaunchWithMarkDefault_MarkedAndCounted()
    {
        var policy = Policy(orphans: new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromHours(4) });

        var (verdict, next) = LaunchJudge.Judge(policy, Ledger(), Gpu("i-new", 30m, tags: new Dictionary<string, string>()), GuardMemory.Empty, Now);

        Assert.Equal((LaunchDecision.Marked, LaunchReasons.Orphan), (verdict.Decision, verdict.Reason));
        var mark = Assert.Single(verdict.Actions);
        Assert.Equal((ActionKind.Tag, "costguard:orphan", "2026-11-26T19:30:00Z"), (mark.Action, mark.TagKey, mark.TagValue));
        Assert.Equal(30m, next!.BurnUsdPerHour);
    }

    [Fact]
    public void Judge_UntaggedLaunchWithAtLaunchStop_MarkedAndStoppedAtOnce()
    {
        var policy = Policy(orphans: new OrphanRule { RequiredTags = ["owner"], AtLaunch = OrphanLaunchAction.Stop });

        var (verdict, next) = LaunchJudge.Judge(policy, Ledger(), Gpu("i-new", 30m, tags: new Dictionary<string, string>()), GuardMemory.Empty, Now);

        Assert.Equal((LaunchDecision.Stopped, "untagged-at-launch"), (verdict.Decision, verdict.Reason));
        Assert.Equal([ActionKind.Tag, ActionKind.Stop], verdict.Actions.Select(a => a.Action));
        Assert.Equal(0m, next!.BurnUsdPerHour);
    }

    [Fact]
    public void Judge_ExemptLaunchOverCap_NotStoppedButCounted()
    {
        var policy = Policy(exemptions: new ExemptionRule());
        var tags = new Dictionary<string, string> { ["costguard:exempt-until"] = "2026-11-27T00:00:00Z" };

        var (verdict, next) = LaunchJudge.Judge(policy, Ledger(("i-old", 390m)), Gpu("i-new", 30m, tags: tags), GuardMemory.Empty, Now);

        Assert.Equal((LaunchDecision.Allowed, LaunchReasons.Exempt), (verdict.Decision, verdict.Reason));
        Assert.Empty(verdict.Actions);
        Assert.Equal(420m, next!.BurnUsdPerHour);
    }

    [Fact]
    public void Judge_ReplayOfJudgedLaunch_ChangesNothing()
    {
        var policy = Policy();
        var instance = Gpu("i-new", 300m);
        var (_, first) = LaunchJudge.Judge(policy, Ledger(("i-old", 200m)), instance, GuardMemory.Empty, Now);

        var (verdict, next) = LaunchJudge.Judge(policy, first!, instance, GuardMemory.Empty, Now.AddMinutes(1));

        Assert.Equal((LaunchDecision.Ignored, LaunchReasons.AlreadyDecided), (verdict.Decision, verdict.Reason));
        Assert.Null(next);
        Assert.Empty(verdict.Actions);
    }

    [Fact]
    public void Judge_RestartAfterGuardStop_JudgedAsNewLaunch()
    {
        var policy = Policy();
        var (_, stopped) = LaunchJudge.Judge(policy, Ledger(("i-old", 350m)), Gpu("i-new", 100m, Now.AddMinutes(-5)), GuardMemory.Empty, Now);
        var freed = stopped! with { Entries = stopped.Entries.Where(e => e.InstanceId != "i-old").ToList() };

        var (verdict, _) = LaunchJudge.Judge(policy, freed, Gpu("i-new", 100m, Now.AddMinutes(1)), GuardMemory.Empty, Now.AddMinutes(2));

        Assert.Equal(LaunchDecision.Allowed, verdict.Decision);
    }

    [Fact]
    public void Judge_InstanceTheSweepAlreadyCounted_IgnoredAndNotJudgedAgainstCapTwice()
    {
        var ledger = Ledger(("i-a", 300m), ("i-new", 98.32m));

        var (verdict, next) = LaunchJudge.Judge(Policy(), ledger, Gpu("i-new", 98.32m), GuardMemory.Empty, Now);

        Assert.Equal((LaunchDecision.Ignored, LaunchReasons.AlreadyDecided), (verdict.Decision, verdict.Reason));
        Assert.Null(next);
        Assert.Equal(398.32m, verdict.BurnAfterUsdPerHour);
    }

    [Fact]
    public void Judge_UntaggedInstanceTheSweepAlreadyCounted_StillMarked()
    {
        var policy = Policy(orphans: new OrphanRule { RequiredTags = ["owner"] });
        var ledger = Ledger(("i-a", 300m), ("i-new", 98.32m));

        var (verdict, next) = LaunchJudge.Judge(policy, ledger, Gpu("i-new", 98.32m, tags: new Dictionary<string, string>()), GuardMemory.Empty, Now);

        Assert.Equal(LaunchDecision.Marked, verdict.Decision);
        Assert.Equal(398.32m, next!.BurnUsdPerHour);
    }
}
