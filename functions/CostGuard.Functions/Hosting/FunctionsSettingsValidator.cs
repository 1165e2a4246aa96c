using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CostGuard.Functions.Hosting;

/// <summary>Fails start-up naming the setting: no storage connection, a malformed schedule or container name.</summary>
internal sealed partial class FunctionsSettingsValidator(IConfiguration configuration) : IValidateOptions<FunctionsSettings>
{
    public ValidateOptionsResult Validate(string? name, FunctionsSettings options)
    {
        var errors = new List<string>();
        if (!StorageClients.IsConfigured(configuration))
        {
            errors.Add($"{StorageNames.Connection} is missing: set a storage connection string (UseDevelopmentStorage=true for Azurite) "
                + $"or an identity-based connection ({StorageNames.Connection}__accountName)");
        }

        if (string.IsNullOrWhiteSpace(options.SweepSchedule))
        {
            errors.Add($"{FunctionsSettings.ScheduleSetting} is missing: the scheduler timer binds %{FunctionsSettings.ScheduleSetting}% (use 0 * * * * * for every minute)");
        }
        else if (!IsSchedule(options.SweepSchedule))
        {
            errors.Add($"{FunctionsSettings.ScheduleSetting} must be a six-field NCRONTAB expression (seconds minutes hours days months weekdays) such as 0 * * * * *, or a TimeSpan such as 00:01:00 (got '{options.SweepSchedule}')");
        }

        if (!ContainerName().IsMatch(options.PolicyContainer ?? string.Empty))
        {
            errors.Add($"{FunctionsSettings.PolicyContainerSetting} must be a blob container name: 3-63 lower-case letters, digits and single hyphens (got '{options.PolicyContainer}')");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsSchedule(string value)
    {
        var text = value.Trim();
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span))
        {
            return span > TimeSpan.Zero;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 6 && fields.All(f => CronField().IsMatch(f));
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerName();

    [GeneratedRegex(@"^[0-9A-Za-z*/,\-?LW#]+$")]
    private static partial Regex CronField();
}
