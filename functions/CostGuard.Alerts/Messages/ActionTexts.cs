using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Alerts.Messages;

/// <summary>Titles and "what was done" sentences for applied actions (stops, terminations, orphan marks).</summary>
internal static class ActionTexts
{
    /// <summary>Null for actions not worth a message (removing an orphan mark once the tags are fixed).</summary>
    public static ItemText? For(Policy policy, PlannedAction action) => (action.Action, action.Reason) switch
    {
        (ActionKind.Stop, ActionReason.Idle) => new("idle-stop", "Idle GPU instance stopped", AlertSeverity.Info,
            "Stopped (compute billing ends; disks and data are kept). Start it again when you need it.", null),
        (ActionKind.Stop, ActionReason.BurnCap) => new("burn-cap-stop", "GPU instance stopped: hourly burn cap", AlertSeverity.Warning,
            "Stopped because the account's GPU burn was over its hourly cap (newest instances first).", null),
        (ActionKind.Stop, ActionReason.MonthlyCap) => new("monthly-cap-stop", "GPU instance stopped: monthly cap", AlertSeverity.Critical,
            "Stopped because the account reached its monthly GPU spend cap.", null),
        (ActionKind.Stop, ActionReason.Orphan) => new("orphan-stop", "Orphaned GPU instance stopped", AlertSeverity.Warning,
            "Stopped because it still lacks required tags after the grace period.", OrphanHowTo(policy, willStop: false)),
        (ActionKind.Stop, ActionReason.UntaggedAtLaunch) => new("untagged-at-launch-stop", "GPU instance stopped at launch: missing required tags", AlertSeverity.Warning,
            "Stopped as it launched because it lacks required tags (orphans.atLaunch is \"stop\").", OrphanHowTo(policy, willStop: false)),
        (ActionKind.Terminate, ActionReason.Orphan) => new("orphan-reap", "Orphaned GPU instance terminated", AlertSeverity.Critical,
            "Terminated (reaped) because it lacked required tags for the whole grace period.", null),
        (ActionKind.Terminate, _) => new("terminate", "GPU instance terminated", AlertSeverity.Critical, "Terminated.", null),
        (ActionKind.Tag, ActionReason.Orphan) => new("orphan-mark", "GPU instance marked as orphan", AlertSeverity.Info,
            $"Tagged {action.TagKey ?? policy.Orphans?.MarkTag ?? "costguard:orphan"}={action.TagValue ?? "?"}; nothing was stopped yet.",
            OrphanHowTo(policy, willStop: true)),
        (ActionKind.Stop, _) => new("stop", "GPU instance stopped", AlertSeverity.Warning, "Stopped.", null),
        _ => null,
    };

    private static string OrphanHowTo(Policy policy, bool willStop)
    {
        var rule = policy.Orphans;
        var tags = rule is { RequiredTags.Count: > 0 } ? string.Join(", ", rule.RequiredTags) : "the required tags";
        var consequence = new List<string>();
        if (willStop && rule?.StopAfter is { } stop)
        {
            consequence.Add($"it is stopped {IsoDuration.Describe(stop)} after the mark");
        }

        if (rule?.TerminateAfter is { } terminate)
        {
            consequence.Add($"terminated {IsoDuration.Describe(terminate)} after the mark");
        }

        var then = consequence.Count == 0 ? string.Empty : $" Otherwise {string.Join(" and ", consequence)}.";
        return $"Add the missing tags ({tags}) to keep it.{then}";
    }
}
