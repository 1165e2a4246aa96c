namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>A policy change replayed over one trace: the new policy's run, the baseline's, both with per-rule figures.</summary>
internal sealed record PolicyComparison(string TraceName, RunFigures New, RunFigures Baseline);
