using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>A guard stop/terminate of an instance the trace shows active again within the idle window: cut-off work.</summary>
public sealed record Disruption(CloudKind Cloud, string Account, string Instance, DateTimeOffset StoppedAt, DateTimeOffset NextActiveAt);
