namespace CostGuard.Policies;

/// <summary>Marks GPU instances missing required tags, then stops and finally reaps them after grace periods.</summary>
public sealed record OrphanRule
{
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>Tag whose value records when the instance was first seen orphaned (ISO-8601 UTC).</summary>
    public string MarkTag { get; init; } = "costguard:orphan";

    /// <summary>Grace period after the mark before a running orphan is stopped; null never stops.</summary>
    public TimeSpan? StopAfter { get; init; }

    /// <summary>Grace period after the mark before the orphan is terminated; null never terminates.</summary>
    public TimeSpan? TerminateAfter { get; init; }

    /// <summary>Launch events: mark only (default) or stop an untagged GPU launch at once.</summary>
    public OrphanLaunchAction AtLaunch { get; init; } = OrphanLaunchAction.Mark;
}
