namespace CostGuard.Policies;

/// <summary>What the launch-event path does with a GPU instance launched without the required tags.</summary>
public enum OrphanLaunchAction
{
    /// <summary>Mark it <c>costguard:orphan=&lt;now&gt;</c> at once; the stop waits for <c>stopAfter</c> as on sweeps.</summary>
    Mark,

    /// <summary>Mark it and stop it at once (reason <c>untagged-at-launch</c>).</summary>
    Stop,
}
