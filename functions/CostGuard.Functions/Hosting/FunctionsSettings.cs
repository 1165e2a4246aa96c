using Microsoft.Extensions.Configuration;

namespace CostGuard.Functions.Hosting;

/// <summary>The app's own settings (app settings in Azure, local.settings.json locally), validated at start.</summary>
public sealed class FunctionsSettings
{
    public const string ScheduleSetting = "COSTGUARD_SWEEP_SCHEDULE";
    public const string PolicyContainerSetting = "COSTGUARD_POLICY_CONTAINER";

    /// <summary>The scheduler's NCRONTAB schedule (six fields, seconds first); the timer binding reads it as <c>%COSTGUARD_SWEEP_SCHEDULE%</c>.</summary>
    [ConfigurationKeyName(ScheduleSetting)]
    public string? SweepSchedule { get; set; }

    [ConfigurationKeyName(PolicyContainerSetting)]
    public string PolicyContainer { get; set; } = StorageNames.DefaultPolicyContainer;
}
