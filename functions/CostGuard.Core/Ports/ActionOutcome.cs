using CostGuard.Engine;

namespace CostGuard.Ports;

/// <summary>What happened when one planned action was applied.</summary>
public sealed record ActionOutcome(PlannedAction Action, ActionStatus Status, string? Error = null)
{
    /// <summary>The reason of an action a provider did not send because the sweep was asked to stop.</summary>
    public const string NotSentReason = "interrupted before sending";

    /// <summary>True for an action not sent because of the stop request: its intent stays open for a rerun of the sweep to finish.</summary>
    public bool NotSent => Status == ActionStatus.Skipped && Error == NotSentReason;

    public static ActionOutcome Interrupted(PlannedAction action) => new(action, ActionStatus.Skipped, NotSentReason);
}
