namespace CostGuard.Simulation;

/// <summary>An account's cumulative spend and live burn at one time, without and with the guard (for charts).</summary>
public readonly record struct TimelinePoint(
    DateTimeOffset Time,
    decimal SpendWithoutUsd,
    decimal SpendWithUsd,
    decimal BurnWithoutUsdPerHour,
    decimal BurnWithUsdPerHour);
