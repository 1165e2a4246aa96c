namespace CostGuard.Simulation;

/// <summary>Knobs of one simulation run.</summary>
public sealed record SimulationOptions
{
    /// <summary>GPU spend already accrued before the trace starts, by account id; added to the first month only.</summary>
    public IReadOnlyDictionary<string, decimal> OpeningSpendUsd { get; init; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Receives warnings about the input (e.g. rows out of time order).</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Receives the fraction of the trace file read so far, now and then.</summary>
    public IProgress<double>? Progress { get; init; }
}
