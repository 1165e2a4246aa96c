using CostGuard.Policies;

namespace CostGuard.Alerts.Messages;

/// <summary>
/// What one message says: a single item, or a digest of a sweep's items for one route (count and top items).
/// The Slack and Teams builders render the same message so both channels tell the same story.
/// </summary>
internal sealed record AlertMessage
{
    public required string PolicyName { get; init; }

    public required string Route { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>All items, most important first.</summary>
    public required IReadOnlyList<AlertItem> Items { get; init; }

    public required int TopItems { get; init; }

    public bool IsDigest => Items.Count > 1;

    public IReadOnlyList<AlertItem> Top => [.. Items.Take(Math.Max(1, TopItems))];

    public int Hidden => Items.Count - Top.Count;

    public AlertSeverity Severity => Items.Max(i => i.Severity);

    /// <summary>"2 × Idle GPU instance stopped, 1 × Monthly GPU cap reached", most frequent first.</summary>
    public string Summary => string.Join(", ", Items
        .GroupBy(i => i.Title, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count())
        .ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Count()} × {g.Key}"));

    /// <summary>The distinct "what you can do" lines of the shown items, so a digest keeps them once each.</summary>
    public IReadOnlyList<string> HowTos => [.. Top.Select(i => i.HowToActText).OfType<string>().Distinct(StringComparer.Ordinal).Take(4)];

    /// <summary>The policy and route names, bounded (they come from the policy, which limits them, but stay safe anyway).</summary>
    public string PolicyLabel => ChatText.Value(PolicyName);

    public string RouteLabel => ChatText.Value(Route);

    /// <summary>Orders items the way people should read them: most severe, then most expensive.</summary>
    public static IReadOnlyList<AlertItem> Order(IEnumerable<AlertItem> items) =>
    [
        .. items
            .OrderByDescending(i => i.Severity)
            .ThenByDescending(i => i.Instance?.UsdPerHour ?? 0)
            .ThenBy(i => i.Title, StringComparer.Ordinal)
            .ThenBy(i => i.Account, StringComparer.Ordinal)
            .ThenBy(i => i.Instance?.Id, StringComparer.Ordinal),
    ];
}
