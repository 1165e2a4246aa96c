namespace CostGuard.Fleet;

/// <summary>One closed UTC day of an account's GPU spend, attributed to users by the anomaly user tag.</summary>
public sealed record DailyUsage
{
    public required DateOnly Day { get; init; }

    public required decimal SpendUsd { get; init; }

    /// <summary>Distinct users whose instances ran with GPU at or above the idle threshold at some sample that day.</summary>
    public required int ActiveUsers { get; init; }

    /// <summary>Spend per user-tag value ("" for instances without the tag).</summary>
    public IReadOnlyDictionary<string, decimal> SpendByUser { get; init; } = new Dictionary<string, decimal>();
}
