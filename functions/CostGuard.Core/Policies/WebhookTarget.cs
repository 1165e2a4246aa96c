namespace CostGuard.Policies;

/// <summary>A webhook destination, named by the setting (environment variable / app setting) holding its URL.</summary>
public sealed record WebhookTarget
{
    public required string WebhookUrlSetting { get; init; }
}
