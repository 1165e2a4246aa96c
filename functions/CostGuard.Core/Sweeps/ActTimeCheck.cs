using CostGuard.Engine;
using CostGuard.Engine.Rules;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Sweeps;

/// <summary>
/// The act-time re-check: just before a changing call, each adapter re-reads the instances (one list call per region)
/// and asks this pure function whether the decision still holds. It re-checks the state (stopping a stopped instance is
/// a no-op) and what the decision rested on: an exemption added since the read cancels a stop or terminate; an orphan
/// mark already present is not written again (a second guard would push the stop deadline back); required tags added
/// since the read cancel the orphan stop or terminate; an instance restarted since the read is not stopped as idle
/// (its idle window starts again).
/// </summary>
public static class ActTimeCheck
{
    /// <param name="current">The instance as re-read just before acting (state and tags; LaunchTime when known); null when it no longer exists.</param>
    public static ActTimeVerdict Check(Policy policy, PlannedAction action, InstanceSnapshot? current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(action);
        if (current is null || (current.State == InstanceState.Terminated && action.Action != ActionKind.Terminate))
        {
            return action.Action == ActionKind.Stop && current is not null
                ? new ActTimeVerdict(ActTimeDecision.AlreadyDone, "already terminated")
                : new ActTimeVerdict(ActTimeDecision.NotFound, "the instance no longer exists");
        }

        return action.Action switch
        {
            ActionKind.Stop or ActionKind.Terminate => CheckDisruptive(policy, action, current, now),
            ActionKind.Tag => CheckTag(policy, action, current),
            _ => CheckUntag(policy, action, current),
        };
    }

    private static ActTimeVerdict CheckDisruptive(Policy policy, PlannedAction action, InstanceSnapshot current, DateTimeOffset now)
    {
        if (action.Action == ActionKind.Terminate && current.State == InstanceState.Terminated)
        {
            return new ActTimeVerdict(ActTimeDecision.AlreadyDone, "already terminated");
        }

        if (action.Action == ActionKind.Stop && current.State is InstanceState.Stopped or InstanceState.Stopping)
        {
            return new ActTimeVerdict(ActTimeDecision.AlreadyDone, $"already {PlanWords.Of(current.State)}");
        }

        if (action.Action == ActionKind.Terminate && policy.Orphans?.TerminateAfter is null)
        {
            return new ActTimeVerdict(ActTimeDecision.Skip, "the policy does not allow termination (orphans.terminateAfter is not set)");
        }

        if (policy.Exemptions is { } exemptions
            && ExemptionRuleEvaluator.Classify(exemptions, current.Tag(exemptions.Tag), now) == ExemptionStatus.Exempt)
        {
            return new ActTimeVerdict(ActTimeDecision.Skip, "exempt now");
        }

        if (action.Reason == ActionReason.Orphan && policy.Orphans is { } orphans)
        {
            if (HasAll(current, orphans.RequiredTags))
            {
                return new ActTimeVerdict(ActTimeDecision.Skip, "required tags added since the read");
            }

            if (!IsoTime.TryParseLenient(current.Tag(orphans.MarkTag), out _))
            {
                return new ActTimeVerdict(ActTimeDecision.Skip, "orphan mark removed since the read");
            }
        }

        if (action.Reason == ActionReason.Idle && current.LaunchTime > action.Instance.LaunchTime)
        {
            return new ActTimeVerdict(ActTimeDecision.Skip, "restarted since the read");
        }

        return ActTimeVerdict.Proceed;
    }

    private static ActTimeVerdict CheckTag(Policy policy, PlannedAction action, InstanceSnapshot current)
    {
        if (action.TagKey is null)
        {
            return new ActTimeVerdict(ActTimeDecision.Skip, "the action names no tag key");
        }

        var value = current.Tag(action.TagKey);
        if (value == (action.TagValue ?? string.Empty))
        {
            return new ActTimeVerdict(ActTimeDecision.AlreadyDone, "tags already as wanted");
        }

        if (action.Reason == ActionReason.Orphan && policy.Orphans is { } orphans
            && string.Equals(action.TagKey, orphans.MarkTag, StringComparison.OrdinalIgnoreCase))
        {
            if (HasAll(current, orphans.RequiredTags))
            {
                return new ActTimeVerdict(ActTimeDecision.Skip, "required tags added since the read");
            }

            // Another sweep marked it since the read: rewriting the mark would push its stop deadline back.
            if (value != action.Instance.Tag(action.TagKey) && IsoTime.TryParseLenient(value, out _))
            {
                return new ActTimeVerdict(ActTimeDecision.AlreadyDone, $"orphan mark already present ({value})");
            }
        }

        return ActTimeVerdict.Proceed;
    }

    private static ActTimeVerdict CheckUntag(Policy policy, PlannedAction action, InstanceSnapshot current)
    {
        if (action.TagKey is null)
        {
            return new ActTimeVerdict(ActTimeDecision.Skip, "the action names no tag key");
        }

        if (current.Tag(action.TagKey) is null)
        {
            return new ActTimeVerdict(ActTimeDecision.AlreadyDone, "tags already as wanted");
        }

        if (action.Reason == ActionReason.Orphan && policy.Orphans is { } orphans && !HasAll(current, orphans.RequiredTags))
        {
            return new ActTimeVerdict(ActTimeDecision.Skip, "required tags removed since the read");
        }

        return ActTimeVerdict.Proceed;
    }

    private static bool HasAll(InstanceSnapshot instance, IReadOnlyList<string> requiredTags) =>
        requiredTags.All(t => !string.IsNullOrWhiteSpace(instance.Tag(t)));
}
