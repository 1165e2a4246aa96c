using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Sweeps;

public sealed class ActTimeCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

    private static readonly Policy Policy = new()
    {
        Name = "act-time",
        Mode = PolicyMode.Enforce,
        Exemptions = new ExemptionRule { Tag = "costguard:exempt-until", MaxDuration = TimeSpan.FromDays(7) },
        Orphans = new OrphanRule { RequiredTags = ["owner"], MarkTag = "costguard:orphan", StopAfter = TimeSpan.FromHours(1) },
    };

    [Fact]
    public void Check_StopAndStillRunning_Proceeds() =>
        Assert.Equal(ActTimeDecision.Proceed, ActTimeCheck.Check(Policy, Stop(ActionReason.Idle), Instance(), Now).Decision);

    [Theory]
    [InlineData(InstanceState.Stopped, "already stopped")]
    [InlineData(InstanceState.Stopping, "already stopping")]
    [InlineData(InstanceState.Terminated, "already terminated")]
    public void Check_StopButNoLongerRunning_AlreadyDone(InstanceState state, string reason)
    {
        var verdict = ActTimeCheck.Check(Policy, Stop(ActionReason.Idle), Instance() with { State = state }, Now);

        Assert.Equal((ActTimeDecision.AlreadyDone, reason), (verdict.Decision, verdict.Reason));
    }

    [Fact]
    public void Check_InstanceGone_NotFound() =>
        Assert.Equal(ActTimeDecision.NotFound, ActTimeCheck.Check(Policy, Stop(ActionReason.Idle), null, Now).Decision);

    [Fact]
    public void Check_ValidExemptionAddedSinceTheRead_SkipsExemptNow()
    {
        var current = Instance(("costguard:exempt-until", "2026-11-27T10:00:00Z"));

        var verdict = ActTimeCheck.Check(Policy, Stop(ActionReason.BurnCap), current, Now);

        Assert.Equal((ActTimeDecision.Skip, "exempt now"), (verdict.Decision, verdict.Reason));
    }

    [Theory]
    [InlineData("2026-11-26T19:00:00Z")]
    [InlineData("2027-06-01T00:00:00Z")]
    [InlineData("soon")]
    public void Check_ExpiredTooLongOrUnreadableExemption_StillProceeds(string value) =>
        Assert.Equal(ActTimeDecision.Proceed, ActTimeCheck.Check(Policy, Stop(ActionReason.Idle), Instance(("costguard:exempt-until", value)), Now).Decision);

    [Fact]
    public void Check_OrphanMarkAddedByAnotherSweep_AlreadyDoneAndNotRetagged()
    {
        var current = Instance(("costguard:orphan", "2026-11-26T19:29:00Z"));

        var verdict = ActTimeCheck.Check(Policy, Mark(), current, Now);

        Assert.Equal(ActTimeDecision.AlreadyDone, verdict.Decision);
        Assert.Equal("orphan mark already present (2026-11-26T19:29:00Z)", verdict.Reason);
    }

    [Fact]
    public void Check_RequiredTagsAddedSinceTheRead_CancelsOrphanStopAndMark()
    {
        var tagged = Instance(("owner", "ana"), ("costguard:orphan", "2026-11-26T10:00:00Z"));

        Assert.Equal((ActTimeDecision.Skip, "required tags added since the read"), Pair(ActTimeCheck.Check(Policy, Stop(ActionReason.Orphan), tagged, Now)));
        Assert.Equal((ActTimeDecision.Skip, "required tags added since the read"), Pair(ActTimeCheck.Check(Policy, Mark(), Instance(("owner", "ana")), Now)));
    }

    [Fact]
    public void Check_OrphanStopWithMarkStillThere_Proceeds() =>
        Assert.Equal(ActTimeDecision.Proceed, ActTimeCheck.Check(Policy, Stop(ActionReason.Orphan), Instance(("costguard:orphan", "2026-11-26T10:00:00Z")), Now).Decision);

    [Fact]
    public void Check_IdleInstanceRestartedSinceTheRead_Skips()
    {
        var verdict = ActTimeCheck.Check(Policy, Stop(ActionReason.Idle), Instance() with { LaunchTime = Now.AddMinutes(-1) }, Now);

        Assert.Equal((ActTimeDecision.Skip, "restarted since the read"), Pair(verdict));
    }

    [Fact]
    public void Check_TerminateWithoutTerminateAfter_Skips() =>
        Assert.Equal(ActTimeDecision.Skip, ActTimeCheck.Check(Policy, Stop(ActionReason.Orphan) with { Action = ActionKind.Terminate }, Instance(("costguard:orphan", "x")), Now).Decision);

    [Fact]
    public void Check_UntagWhenTagGone_AlreadyDone()
    {
        var untag = new PlannedAction { Action = ActionKind.Untag, Reason = ActionReason.Orphan, Instance = Instance(), TagKey = "costguard:orphan", Detail = "d" };

        Assert.Equal(ActTimeDecision.AlreadyDone, ActTimeCheck.Check(Policy, untag, Instance(("owner", "ana")), Now).Decision);
    }

    private static (ActTimeDecision, string?) Pair(ActTimeVerdict verdict) => (verdict.Decision, verdict.Reason);

    private static PlannedAction Stop(ActionReason reason) => new() { Action = ActionKind.Stop, Reason = reason, Instance = Instance(), Detail = "planned" };

    private static PlannedAction Mark() => new()
    {
        Action = ActionKind.Tag, Reason = ActionReason.Orphan, Instance = Instance(), TagKey = "costguard:orphan", TagValue = "2026-11-26T19:30:00Z", Detail = "mark",
    };

    private static InstanceSnapshot Instance(params (string Key, string Value)[] tags) => new()
    {
        Cloud = CloudKind.Aws,
        Account = "111122223333",
        Region = "us-east-1",
        Id = "i-1",
        Type = "g5.xlarge",
        State = InstanceState.Running,
        LaunchTime = Now.AddHours(-3),
        Tags = tags.ToDictionary(t => t.Key, t => t.Value),
    };
}
