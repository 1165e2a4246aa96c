using CostGuard.Policies;

namespace CostGuard.Simulation.Trace;

/// <summary>
/// One row of a fleet trace: a sample of one instance whose values hold until that instance's next row.
/// Repeated strings (ids, tag sets) are shared between rows so a long trace streams cheaply.
/// </summary>
public readonly record struct TraceRow(
    long Line,
    DateTimeOffset Time,
    CloudKind Cloud,
    string Account,
    string Region,
    string Instance,
    string Type,
    TraceState State,
    decimal UsdPerHour,
    double? GpuPercent,
    double? CpuPercent,
    IReadOnlyDictionary<string, string> Tags);
