using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>An alert the engine raised during the simulation, with the simulated time it was raised.</summary>
public sealed record SimulatedAlert(DateTimeOffset Time, AlertKind Kind, AlertSeverity Severity, CloudKind Cloud, string Account, string Message);
