namespace CostGuard.Policies;

/// <summary>Where alerts go. Webhook URLs are named by setting, never written in the policy.</summary>
public sealed record AlertsConfig
{
    /// <summary>Default Slack destination.</summary>
    public WebhookTarget? Slack { get; init; }

    /// <summary>Default Teams (Workflows) destination.</summary>
    public WebhookTarget? Teams { get; init; }

    /// <summary>Routes tried in order; alerts no route matches go to the default destinations.</summary>
    public IReadOnlyList<AlertRoute> Routes { get; init; } = [];

    /// <summary>The same alert (kind, account, instance) is not re-sent within this window.</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromHours(6);
}
