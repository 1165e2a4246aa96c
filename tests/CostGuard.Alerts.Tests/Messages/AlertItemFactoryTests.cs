using CostGuard.Alerts.Messages;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Alerts.Tests.Messages;

public sealed class AlertItemFactoryTests
{
    public static TheoryData<AlertKind> AllAlertKinds() => [.. Enum.GetValues<AlertKind>()];

    [Theory]
    [MemberData(nameof(AllAlertKinds))]
    public void FromAlert_EveryKind_HasOwnTitleWhatAndTheEngineReason(AlertKind kind)
    {
        var alert = Samples.Alert(kind, instance: Samples.Instance());

        var item = AlertItemFactory.FromAlert(Samples.Policy(), alert, exemptionHint: null);

        Assert.Equal(alert.Message, item.Why);
        Assert.False(string.IsNullOrWhiteSpace(item.WhatWasDone));
        Assert.DoesNotContain(kind.ToString(), item.Title, StringComparison.Ordinal);
        Assert.Equal(alert.Severity, item.Severity);
    }

    [Fact]
    public void FromAlert_AllKinds_DistinctTitlesAndLabels()
    {
        var items = Enum.GetValues<AlertKind>().Select(k => AlertItemFactory.FromAlert(Samples.Policy(), Samples.Alert(k), null)).ToList();

        Assert.Equal(items.Count, items.Select(i => i.Title).Distinct().Count());
        Assert.Equal(
            ["cap-warning", "cap-breach", "burn-cap", "anomaly", "exemption-invalid", "action-limit", "guard-failure", "policy-invalid", "guard-unhealthy"],
            items.Select(i => i.Kind));
    }

    [Theory]
    [InlineData(ActionKind.Stop, ActionReason.Idle, "idle-stop", "Idle GPU instance stopped")]
    [InlineData(ActionKind.Stop, ActionReason.BurnCap, "burn-cap-stop", "GPU instance stopped: hourly burn cap")]
    [InlineData(ActionKind.Stop, ActionReason.MonthlyCap, "monthly-cap-stop", "GPU instance stopped: monthly cap")]
    [InlineData(ActionKind.Tag, ActionReason.Orphan, "orphan-mark", "GPU instance marked as orphan")]
    [InlineData(ActionKind.Stop, ActionReason.Orphan, "orphan-stop", "Orphaned GPU instance stopped")]
    [InlineData(ActionKind.Terminate, ActionReason.Orphan, "orphan-reap", "Orphaned GPU instance terminated")]
    public void FromAction_EveryAppliedActionKind_BecomesAMessage(ActionKind action, ActionReason reason, string kind, string title)
    {
        var outcome = Samples.Applied(action, reason, Samples.Instance());

        var item = AlertItemFactory.FromAction(Samples.Policy(), outcome.Action, exemptionHint: "exempt me");

        Assert.NotNull(item);
        Assert.Equal(kind, item.Kind);
        Assert.Equal(title, item.Title);
        Assert.Equal(outcome.Action.Detail, item.Why);
        Assert.Equal("alice", item.Owner);
    }

    [Fact]
    public void FromAction_OrphanMark_TellsWhichTagsToAddAndWhatHappensOtherwise()
    {
        var item = AlertItemFactory.FromAction(Samples.Policy(), Samples.Applied(ActionKind.Tag, ActionReason.Orphan, Samples.Instance()).Action, "hint")!;

        Assert.Contains("costguard:orphan=2026-11-26T12:00:00Z", item.WhatWasDone, StringComparison.Ordinal);
        Assert.Equal("Add the missing tags (team, owner) to keep it. Otherwise it is stopped 2 days after the mark and terminated 7 days after the mark.", item.HowToAct);
    }

    [Fact]
    public void FromAction_Untag_IsNotAnnounced()
    {
        var item = AlertItemFactory.FromAction(Samples.Policy(), Samples.Applied(ActionKind.Untag, ActionReason.Orphan, Samples.Instance()).Action, null);

        Assert.Null(item);
    }

    [Fact]
    public void Create_OwnerTagFromPolicyUserTag_IsNamed()
    {
        var policy = Samples.Policy() with { Anomaly = new AnomalyRule { UserTag = "CreatedBy" } };
        var instance = Samples.Instance() with { Tags = new Dictionary<string, string> { ["createdby"] = "dana@example.com", ["owner"] = "not-this" } };

        var items = AlertItemFactory.Create(policy, Samples.Batch(actions: [Samples.Applied(ActionKind.Stop, ActionReason.Idle, instance)]), Samples.Now);

        Assert.Equal("dana@example.com", Assert.Single(items).Owner);
    }

    [Fact]
    public void Create_NoOwnerTag_SaysSo()
    {
        var items = AlertItemFactory.Create(Samples.Policy(), Samples.Batch(actions: [Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(owner: null))]), Samples.Now);

        Assert.Equal("(no owner tag)", Assert.Single(items).OwnerLabel);
    }

    [Fact]
    public void Create_OnlyAppliedOutcomes_BecomeItems()
    {
        var instance = Samples.Instance();
        var statuses = Enum.GetValues<ActionStatus>();

        var items = AlertItemFactory.Create(
            Samples.Policy(),
            Samples.Batch(actions: [.. statuses.Select(s => Samples.Applied(ActionKind.Stop, ActionReason.Idle, instance, s))]),
            Samples.Now);

        Assert.Single(items);
    }

    [Fact]
    public void DedupKey_SameKindAccountInstance_EqualAcrossMessages()
    {
        var a = AlertItemFactory.FromAlert(Samples.Policy(), Samples.Alert(AlertKind.ExemptionInvalid, instance: Samples.Instance()) with { Message = "one" }, null);
        var b = AlertItemFactory.FromAlert(Samples.Policy(), Samples.Alert(AlertKind.ExemptionInvalid, instance: Samples.Instance()) with { Message = "two" }, null);
        var other = AlertItemFactory.FromAlert(Samples.Policy(), Samples.Alert(AlertKind.ExemptionInvalid, instance: Samples.Instance(id: "i-other")), null);

        Assert.Equal("exemption-invalid|aws|123456789012|i-0abc1234def567890", a.DedupKey);
        Assert.Equal(a.DedupKey, b.DedupKey);
        Assert.NotEqual(a.DedupKey, other.DedupKey);
    }

    [Fact]
    public void DedupKey_CapWarningsAtDifferentThresholds_Differ()
    {
        var at80 = AlertItemFactory.FromAlert(Samples.Policy(), Samples.Alert(AlertKind.CapWarning, dedupKey: "cap-warning:123456789012:2026-11:80"), null);
        var at90 = AlertItemFactory.FromAlert(Samples.Policy(), Samples.Alert(AlertKind.CapWarning, dedupKey: "cap-warning:123456789012:2026-11:90"), null);

        Assert.NotEqual(at80.DedupKey, at90.DedupKey);
    }

    [Fact]
    public void FromAlert_CapBreachInDryRun_SaysNothingWasStopped()
    {
        var item = AlertItemFactory.FromAlert(Samples.Policy(mode: PolicyMode.DryRun), Samples.Alert(AlertKind.CapBreach), null);

        Assert.StartsWith("Dry-run: nothing was stopped", item.WhatWasDone, StringComparison.Ordinal);
    }

    [Fact]
    public void ExemptionHint_MaxDuration_NamesTagLimitAndAValidExample()
    {
        var policy = Samples.Policy() with { Exemptions = new ExemptionRule { Tag = "keep-until", MaxDuration = TimeSpan.FromHours(8) } };

        var hint = ExemptionHint.For(policy, Samples.Now.AddMinutes(17));

        Assert.Equal("To exempt an instance from stops, tag it keep-until=2026-11-26T20:00:00Z (an ISO-8601 UTC expiry, at most 8 h (PT8H) ahead; a later time is ignored).", hint);
    }

    [Fact]
    public void ExemptionHint_NoExemptionsSection_IsNull()
    {
        Assert.Null(ExemptionHint.For(Samples.Policy() with { Exemptions = null }, Samples.Now));
    }
}
