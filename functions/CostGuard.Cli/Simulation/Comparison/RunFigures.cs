using CostGuard.Cli.Output.Reports;
using CostGuard.Simulation;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>One policy's run over the trace, and its figures per rule.</summary>
internal sealed record RunFigures(SimulationResult Result, IReadOnlyList<RuleFigures> Rules)
{
    /// <summary>Saved as the JSON reports it: the difference of the rounded spends, so the figures always add up.</summary>
    public decimal SavedUsd => Saved(Result);

    public static decimal Saved(SimulationResult result) => ContractNames.Cents(result.SpendWithoutUsd) - ContractNames.Cents(result.SpendWithUsd);

    public RuleFigures Rule(string name) => Rules.Single(r => r.Rule == name);
}
