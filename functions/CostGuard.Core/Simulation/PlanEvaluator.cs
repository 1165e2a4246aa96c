using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>The engine's signature; the simulator uses <see cref="DecisionEngine.Evaluate"/> unless a test supplies another.</summary>
public delegate Plan PlanEvaluator(Policy policy, FleetSnapshot snapshot, DateTimeOffset now, EvaluationFocus? focus);
