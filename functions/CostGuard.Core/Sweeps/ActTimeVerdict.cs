using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>The act-time re-check's answer; <see cref="Reason"/> is the outcome text (e.g. <c>exempt now</c>).</summary>
public sealed record ActTimeVerdict(ActTimeDecision Decision, string? Reason = null)
{
    public static readonly ActTimeVerdict Proceed = new(ActTimeDecision.Proceed);

    /// <summary>The action's outcome when it is not sent; null for <see cref="ActTimeDecision.Proceed"/>.</summary>
    public ActionStatus? Status => Decision switch
    {
        ActTimeDecision.AlreadyDone => ActionStatus.AlreadyDone,
        ActTimeDecision.Skip => ActionStatus.Skipped,
        ActTimeDecision.NotFound => ActionStatus.NotFound,
        _ => null,
    };
}
