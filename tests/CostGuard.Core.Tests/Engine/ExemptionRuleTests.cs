using CostGuard.Fleet;
using CostGuard.Policies;
using static CostGuard.Engine.TestFleet;

namespace CostGuard.Engine;

public sealed class ExemptionRuleTests
{
    private const string Tag = "costguard:exempt-until";

    private static Policy ExemptPolicy() => Policy(p => p with
    {
        Idle = new IdleRule(),
        Exemptions = new ExemptionRule { Tag = Tag, MaxDuration = TimeSpan.FromDays(14) },
    });

    private static InstanceSnapshot IdleWith(string exemptUntil, string id = "i-1") =>
        Gpu(id, Start.AddHours(-3), samples: Idle(Start), tags: new Dictionary<string, string>
        {
            ["owner"] = "alice",
            ["cost-center"] = "ml",
            [Tag] = exemptUntil,
        });

    [Fact]
    public void Evaluate_ExemptionLaterThanNow_NotStopped()
    {
        var plan = Evaluate(ExemptPolicy(), Snapshot(IdleWith("2026-11-27T08:00:00Z")), Clock());

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Alerts);
    }

    [Fact]
    public void Evaluate_ExemptionExpiringExactlyNow_HasEnded()
    {
        var plan = Evaluate(ExemptPolicy(), Snapshot(IdleWith("2026-11-26T19:30:00Z")), Clock());

        Assert.Equal(["i-1"], Stopped(plan, ActionReason.Idle));
        Assert.Empty(plan.Alerts);
    }

    [Fact]
    public void Evaluate_ExemptionOneSecondAfterNow_StillExempt()
    {
        var plan = Evaluate(ExemptPolicy(), Snapshot(IdleWith("2026-11-26T19:30:01Z")), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_ExpiryWithoutZone_IsUtc()
    {
        var snapshot = Snapshot(IdleWith("2026-11-26T19:31:00"));

        Assert.Empty(Evaluate(ExemptPolicy(), snapshot, Clock()).Actions);
        Assert.Single(Evaluate(ExemptPolicy(), snapshot, Clock(Start.AddMinutes(1))).Actions);
    }

    [Fact]
    public void Evaluate_DateAlone_MeansMidnightUtc()
    {
        var snapshot = Snapshot(IdleWith("2026-11-27"));
        var midnight = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

        Assert.Empty(Evaluate(ExemptPolicy(), snapshot, Clock(midnight.AddSeconds(-1))).Actions);
        Assert.Single(Evaluate(ExemptPolicy(), snapshot, Clock(midnight)).Actions);
    }

    [Fact]
    public void Evaluate_ExpiryWithOffset_IsConvertedToUtc()
    {
        // 21:00+02:00 is 19:00 UTC, already past at 19:30 UTC.
        var plan = Evaluate(ExemptPolicy(), Snapshot(IdleWith("2026-11-26T21:00:00+02:00")), Clock());

        Assert.Single(plan.Actions);
    }

    [Fact]
    public void Evaluate_ExpiryBeyondMaxDuration_IgnoredWithAlert()
    {
        var plan = Evaluate(ExemptPolicy(), Snapshot(IdleWith("2026-12-31T00:00:00Z")), Clock());

        Assert.Equal(["i-1"], Stopped(plan, ActionReason.Idle));
        var alert = Assert.Single(plan.Alerts);
        Assert.Equal(AlertKind.ExemptionInvalid, alert.Kind);
        Assert.Equal("i-1", alert.Instance?.Id);
        Assert.Contains("14 days", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExpiryExactlyMaxDurationAway_IsValid()
    {
        var plan = Evaluate(ExemptPolicy(), Snapshot(IdleWith("2026-12-10T19:30:00Z")), Clock());

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Alerts);
    }

    [Fact]
    public void Evaluate_UnparsableExpiry_IgnoredWithAlert()
    {
        var plan = Evaluate(ExemptPolicy(), Snapshot(IdleWith("next friday")), Clock());

        Assert.Single(plan.Actions);
        Assert.Equal(AlertKind.ExemptionInvalid, Assert.Single(plan.Alerts).Kind);
    }

    [Fact]
    public void Evaluate_InvalidExemption_AlertsOncePerInstanceAndValue()
    {
        var clock = Clock();
        var first = Evaluate(ExemptPolicy(), Snapshot(IdleWith("soon")), clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        var again = Evaluate(ExemptPolicy(), Snapshot(IdleWith("soon")) with { Memory = first.Memory }, clock);
        var changed = Evaluate(ExemptPolicy(), Snapshot(IdleWith("later")) with { Memory = first.Memory }, clock);

        Assert.Single(first.Alerts);
        Assert.Empty(again.Alerts);
        Assert.Single(changed.Alerts);
    }

    [Fact]
    public void Evaluate_ExemptInstance_IsSparedByCapsButCountsInBurn()
    {
        var policy = ExemptPolicy() with { Idle = null, SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 40m } };
        var exempt = IdleWith("2026-11-27T00:00:00Z", "i-exempt") with { LaunchTime = Start.AddMinutes(-1), UsdPerHour = 30m };
        var older = Gpu("i-older", Start.AddHours(-5), usdPerHour: 30m);

        var plan = Evaluate(policy, Snapshot(exempt, older), Clock());

        Assert.Equal(["i-older"], Stopped(plan, ActionReason.BurnCap));
    }

    [Fact]
    public void Evaluate_NoExemptionsSection_TagIsIgnored()
    {
        var policy = ExemptPolicy() with { Exemptions = null };

        var plan = Evaluate(policy, Snapshot(IdleWith("2026-11-27T00:00:00Z")), Clock());

        Assert.Single(plan.Actions);
    }
}
