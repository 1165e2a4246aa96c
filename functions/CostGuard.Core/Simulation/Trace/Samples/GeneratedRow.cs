namespace CostGuard.Simulation.Trace.Samples;

/// <summary>One trace row as the sample generator writes it (the text form of fleet trace v1).</summary>
public readonly record struct GeneratedRow(
    DateTimeOffset Time,
    string Cloud,
    string Account,
    string Region,
    string Instance,
    string Type,
    string State,
    decimal UsdPerHour,
    double? GpuPercent,
    double? CpuPercent,
    string Tags);
