using CostGuard.Fleet;
using CostGuard.Policies;
using static CostGuard.Engine.TestFleet;

namespace CostGuard.Engine;

public sealed class OrphanRuleTests
{
    private const string Mark = "costguard:orphan";

    private static Policy OrphanPolicy(TimeSpan? terminateAfter = null) => Policy(p => p with
    {
        Orphans = new OrphanRule
        {
            RequiredTags = ["owner", "cost-center"],
            MarkTag = Mark,
            StopAfter = TimeSpan.FromHours(4),
            TerminateAfter = terminateAfter ?? TimeSpan.FromDays(7),
        },
        Exemptions = new ExemptionRule(),
    });

    private static InstanceSnapshot Orphan(string? markedAt = null, InstanceState state = InstanceState.Running, string? exemptUntil = null)
    {
        var tags = new Dictionary<string, string> { ["cost-center"] = "ml" };
        if (markedAt is not null)
        {
            tags[Mark] = markedAt;
        }

        if (exemptUntil is not null)
        {
            tags["costguard:exempt-until"] = exemptUntil;
        }

        return Gpu("i-zombie", Start.AddDays(-10), tags: tags, state: state, samples: Busy(Start));
    }

    [Fact]
    public void Evaluate_MissingRequiredTag_MarksWithNow()
    {
        var plan = Evaluate(OrphanPolicy(), Snapshot(Orphan()), Clock());

        var action = Assert.Single(plan.Actions);
        Assert.Equal(ActionKind.Tag, action.Action);
        Assert.Equal(ActionReason.Orphan, action.Reason);
        Assert.Equal(Mark, action.TagKey);
        Assert.Equal("2026-11-26T19:30:00Z", action.TagValue);
        Assert.Contains("owner", action.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EmptyTagValue_CountsAsMissing()
    {
        var instance = Orphan() with { Tags = new Dictionary<string, string> { ["owner"] = " ", ["cost-center"] = "ml" } };

        Assert.Equal(ActionKind.Tag, Assert.Single(Evaluate(OrphanPolicy(), Snapshot(instance), Clock()).Actions).Action);
    }

    [Fact]
    public void Evaluate_MarkedThenTagged_Untags()
    {
        var instance = Orphan("2026-11-26T10:00:00Z") with
        {
            Tags = new Dictionary<string, string> { ["owner"] = "bob", ["cost-center"] = "ml", [Mark] = "2026-11-26T10:00:00Z" },
        };

        var action = Assert.Single(Evaluate(OrphanPolicy(), Snapshot(instance), Clock()).Actions);

        Assert.Equal(ActionKind.Untag, action.Action);
        Assert.Equal(Mark, action.TagKey);
    }

    [Fact]
    public void Evaluate_MarkYoungerThanStopAfter_NoStop()
    {
        var plan = Evaluate(OrphanPolicy(), Snapshot(Orphan("2026-11-26T15:30:01Z")), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_MarkExactlyStopAfterOld_Stops()
    {
        var plan = Evaluate(OrphanPolicy(), Snapshot(Orphan("2026-11-26T15:30:00Z")), Clock());

        Assert.Equal(["i-zombie"], Stopped(plan, ActionReason.Orphan));
    }

    [Fact]
    public void Evaluate_MarkExactlyTerminateAfterOld_TerminatesRunningOrStopped()
    {
        foreach (var state in new[] { InstanceState.Running, InstanceState.Stopped })
        {
            var plan = Evaluate(OrphanPolicy(), Snapshot(Orphan("2026-11-19T19:30:00Z", state)), Clock());

            var action = Assert.Single(plan.Actions);
            Assert.Equal(ActionKind.Terminate, action.Action);
            Assert.Equal(ActionReason.Orphan, action.Reason);
        }
    }

    [Fact]
    public void Evaluate_StoppedOrphanBeforeTerminateAfter_NothingToDo()
    {
        var plan = Evaluate(OrphanPolicy(), Snapshot(Orphan("2026-11-19T19:30:01Z", InstanceState.Stopped)), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_NoTerminateAfter_NeverTerminates()
    {
        var policy = OrphanPolicy();
        policy = policy with { Orphans = policy.Orphans! with { TerminateAfter = null } };

        var plan = Evaluate(policy, Snapshot(Orphan("2025-01-01T00:00:00Z", InstanceState.Stopped)), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_ExemptOrphan_IsMarkedButNeverStopped()
    {
        var exemptUntil = "2026-11-27T00:00:00Z";

        var fresh = Evaluate(OrphanPolicy(), Snapshot(Orphan(exemptUntil: exemptUntil)), Clock());
        var old = Evaluate(OrphanPolicy(), Snapshot(Orphan("2026-11-01T00:00:00Z", exemptUntil: exemptUntil)), Clock());

        Assert.Equal(ActionKind.Tag, Assert.Single(fresh.Actions).Action);
        Assert.Empty(old.Actions);
    }

    [Fact]
    public void Evaluate_UnreadableMark_IsReplacedNotActedOn()
    {
        var action = Assert.Single(Evaluate(OrphanPolicy(), Snapshot(Orphan("yesterday")), Clock()).Actions);

        Assert.Equal(ActionKind.Tag, action.Action);
        Assert.Equal("2026-11-26T19:30:00Z", action.TagValue);
    }

    [Fact]
    public void Evaluate_OrphanAlsoIdle_GetsOneStopOnly()
    {
        var policy = OrphanPolicy() with { Idle = new IdleRule() };
        var instance = Orphan("2026-11-26T10:00:00Z") with { Samples = Idle(Start) };

        var plan = Evaluate(policy, Snapshot(instance), Clock());

        var action = Assert.Single(plan.Actions);
        Assert.Equal(ActionReason.Orphan, action.Reason);
    }
}
