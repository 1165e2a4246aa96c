using CostGuard.Fleet;
using CostGuard.Time;

namespace CostGuard.Engine.Rules;

/// <summary>
/// Rule 2. A GPU instance missing a required tag gets the mark tag (its value is when it was first
/// seen orphaned: the state lives on the resource, so the engine stays stateless). Once the mark is
/// old enough, a running orphan is stopped and later terminated. A marked instance that has since
/// been tagged properly is unmarked.
/// </summary>
internal static class OrphanRuleEvaluator
{
    public static void Evaluate(EvaluationContext context, InstanceSnapshot instance, bool exempt)
    {
        var rule = context.Policy.Orphans;
        if (rule is null)
        {
            return;
        }

        var mark = instance.Tag(rule.MarkTag);
        if (HasAll(instance, rule.RequiredTags))
        {
            if (mark is not null)
            {
                context.Decide(new PlannedAction
                {
                    Action = ActionKind.Untag,
                    Reason = ActionReason.Orphan,
                    Instance = instance,
                    TagKey = rule.MarkTag,
                    Detail = $"now has the required tags ({string.Join(", ", rule.RequiredTags)}); orphan mark removed",
                });
            }

            return;
        }

        if (!IsoTime.TryParseLenient(mark, out var markedAt) || markedAt > context.Now)
        {
            // No mark yet (or one we cannot trust): mark now. Stops wait until the mark is on the resource,
            // which is also why a dry run, which applies no marks, never reaches an orphan stop.
            var stamp = IsoTime.Format(context.Now);
            var missingText = Missing(instance, rule.RequiredTags);
            context.Decide(new PlannedAction
            {
                Action = ActionKind.Tag,
                Reason = ActionReason.Orphan,
                Instance = instance,
                TagKey = rule.MarkTag,
                TagValue = stamp,
                Detail = mark is null
                    ? $"missing required tags {missingText}; marked as orphan{Schedule(rule.StopAfter, rule.TerminateAfter)}"
                    : $"missing required tags {missingText}; unreadable orphan mark '{mark}' replaced{Schedule(rule.StopAfter, rule.TerminateAfter)}",
            });
            return;
        }

        if (exempt || context.IsDisrupted(instance))
        {
            return;
        }

        // A marked orphan is looked at on every sweep; its texts are built only when an action is emitted.
        var age = context.Now - markedAt;
        if (rule.TerminateAfter is { } terminateAfter && age >= terminateAfter)
        {
            context.Decide(new PlannedAction
            {
                Action = ActionKind.Terminate,
                Reason = ActionReason.Orphan,
                Instance = instance,
                Detail = $"{Since(instance, rule.RequiredTags, markedAt, age)}; reaped after {IsoDuration.Describe(terminateAfter)}",
            });
        }
        else if (rule.StopAfter is { } stopAfter && age >= stopAfter && instance.IsBilling)
        {
            context.Decide(new PlannedAction
            {
                Action = ActionKind.Stop,
                Reason = ActionReason.Orphan,
                Instance = instance,
                Detail = $"{Since(instance, rule.RequiredTags, markedAt, age)}; stopped after {IsoDuration.Describe(stopAfter)}",
            });
        }
    }

    // Allocation-free check for the common case: a properly tagged instance.
    private static bool HasAll(InstanceSnapshot instance, IReadOnlyList<string> requiredTags)
    {
        for (var i = 0; i < requiredTags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(instance.Tag(requiredTags[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static string Missing(InstanceSnapshot instance, IReadOnlyList<string> requiredTags) =>
        string.Join(", ", requiredTags.Where(t => string.IsNullOrWhiteSpace(instance.Tag(t))));

    private static string Since(InstanceSnapshot instance, IReadOnlyList<string> requiredTags, DateTimeOffset markedAt, TimeSpan age) =>
        $"orphan (missing {Missing(instance, requiredTags)}) since {IsoTime.Format(markedAt)}, {IsoDuration.Describe(age)} ago";

    private static string Schedule(TimeSpan? stopAfter, TimeSpan? terminateAfter)
    {
        var parts = new List<string>();
        if (stopAfter is { } stop)
        {
            parts.Add($"stop after {IsoDuration.Describe(stop)}");
        }

        if (terminateAfter is { } terminate)
        {
            parts.Add($"terminate after {IsoDuration.Describe(terminate)}");
        }

        return parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
    }
}
