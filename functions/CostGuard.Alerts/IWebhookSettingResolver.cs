namespace CostGuard.Alerts;

/// <summary>
/// Turns a setting name from the policy (e.g. <c>COSTGUARD_SLACK_WEBHOOK_URL</c>) into the webhook URL it holds.
/// In Azure, Key Vault references are resolved by the platform into app settings, which arrive as environment variables.
/// </summary>
public interface IWebhookSettingResolver
{
    /// <summary>The setting's value, or null when it is not set.</summary>
    string? Resolve(string settingName);
}
