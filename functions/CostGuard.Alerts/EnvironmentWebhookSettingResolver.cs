namespace CostGuard.Alerts;

/// <summary>Resolves webhook settings from environment variables (Functions app settings are environment variables).</summary>
public sealed class EnvironmentWebhookSettingResolver : IWebhookSettingResolver
{
    private readonly Func<string, string?> _getVariable;

    /// <summary>Reads the process environment.</summary>
    public EnvironmentWebhookSettingResolver()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads through the given lookup (the CLI injects its environment for in-process tests).</summary>
    public EnvironmentWebhookSettingResolver(Func<string, string?> getVariable) => _getVariable = getVariable;

    public string? Resolve(string settingName)
    {
        var value = _getVariable(settingName);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
