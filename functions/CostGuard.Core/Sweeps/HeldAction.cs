using CostGuard.Engine;

namespace CostGuard.Sweeps;

/// <summary>
/// An action the engine decided but the sweep did not send because the read it rested on failed. Reported as
/// <c>held: account read incomplete</c>; <see cref="Detail"/> is the reason the engine would have had, made honest
/// (an idle stop over failed metrics never says "no utilization metrics").
/// </summary>
public sealed record HeldAction(PlannedAction Action, string Why, string Detail)
{
    /// <summary>The outcome word reports and the audit log use.</summary>
    public const string Outcome = "held: account read incomplete";
}
