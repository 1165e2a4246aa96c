namespace CostGuard.Launches;

/// <summary>What the launch path did with one event (written kebab-case: <c>stopped</c>, <c>marked</c>, <c>allowed</c>, <c>ignored</c>).</summary>
public enum LaunchDecision
{
    /// <summary>The instance was stopped (burn-cap, monthly-cap, untagged-at-launch).</summary>
    Stopped,

    /// <summary>An untagged GPU launch was marked as orphan and left running (and added to the ledger).</summary>
    Marked,

    /// <summary>The launch fits: added to the ledger, nothing done to it.</summary>
    Allowed,

    /// <summary>Nothing to judge: not a GPU, not running, not in scope, another event type, or already decided (replay).</summary>
    Ignored,
}
