namespace CostGuard.Policies;

/// <summary>Alerts when a day's cost per active user is a robust outlier against the preceding days.</summary>
public sealed record AnomalyRule
{
    /// <summary>Tag naming the user an instance's cost is attributed to.</summary>
    public string UserTag { get; init; } = "owner";

    public int BaselineDays { get; init; } = 14;

    public int MinBaselineDays { get; init; } = 7;

    /// <summary>Robust z-score above which the day is anomalous.</summary>
    public double Threshold { get; init; } = 3.5;

    /// <summary>Days with less GPU spend than this never alert.</summary>
    public decimal MinDailyUsd { get; init; }
}
