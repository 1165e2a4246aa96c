using CostGuard.Engine;

namespace CostGuard.Cli.Simulation;

/// <summary>What one rule did over a simulation: its actions by kind, when, and the spend its stops saved.</summary>
internal sealed record RuleOutcome(
    ActionReason Reason,
    IReadOnlyList<(ActionKind Kind, int Count)> Actions,
    DateTimeOffset First,
    DateTimeOffset Last,
    decimal SavedUsd);
