namespace CostGuard.Policies;

/// <summary>Sends matching alerts to their own Slack/Teams destinations.</summary>
public sealed record AlertRoute
{
    public required string Name { get; init; }

    /// <summary>Account ids this route takes; empty matches every account.</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>Instance tags (key = value) that must all match; empty matches every instance.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Least severity this route takes.</summary>
    public AlertSeverity MinSeverity { get; init; } = AlertSeverity.Info;

    public WebhookTarget? Slack { get; init; }

    public WebhookTarget? Teams { get; init; }
}
