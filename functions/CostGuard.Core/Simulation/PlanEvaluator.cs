using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>
/// The engine's signature; the simulator uses <see cref="DecisionEngine.Evaluate"/> unless a test supplies another.
/// The snapshot is lent for the call only, as the engine uses it: the simulator reuses its instance lists and sample
/// windows for the next evaluation instead of copying the fleet on every sweep, so an evaluator that keeps any of it
/// must copy it.
/// </summary>
public delegate Plan PlanEvaluator(Policy policy, FleetSnapshot snapshot, DateTimeOffset now, EvaluationFocus? focus);
