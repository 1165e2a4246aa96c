using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>
/// The decision engine: a pure function of (policy, fleet snapshot, now) returning a plan. It never
/// performs I/O and never reads the clock; executing the plan is a separate step.
/// </summary>
public sealed class DecisionEngine
{
    /// <summary>Evaluates every rule, in order, over every in-scope account of the snapshot.</summary>
    /// <param name="focus">When set, only this instance is acted on (the launch-event path).</param>
    public Plan Evaluate(Policy policy, FleetSnapshot snapshot, DateTimeOffset now, EvaluationFocus? focus = null)
    {
        throw new NotImplementedException();
    }
}
