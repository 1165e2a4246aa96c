namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>
/// What one rule did in one run. <see cref="SavedUsd"/> is the run's saving less the saving of the same run
/// with the rule switched off (null when the rule is off): rules overlap, so these do not add up to the total.
/// </summary>
internal sealed record RuleFigures(string Rule, bool On, decimal? SavedUsd, int Stops, int Terminations, int Tags, int Disruptions);
