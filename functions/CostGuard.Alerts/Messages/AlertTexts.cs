using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Alerts.Messages;

/// <summary>Titles and "what was done" sentences for the engine's alert kinds.</summary>
internal static class AlertTexts
{
    public static string Label(AlertKind kind) => kind switch
    {
        AlertKind.CapWarning => "cap-warning",
        AlertKind.CapBreach => "cap-breach",
        AlertKind.BurnCap => "burn-cap",
        AlertKind.Anomaly => "anomaly",
        AlertKind.ExemptionInvalid => "exemption-invalid",
        AlertKind.ActionLimit => "action-limit",
        AlertKind.GuardFailure => "guard-failure",
        AlertKind.PolicyInvalid => "policy-invalid",
        AlertKind.GuardUnhealthy => "guard-unhealthy",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static ItemText For(AlertKind kind, PolicyMode mode)
    {
        var dryRun = mode == PolicyMode.DryRun;
        return kind switch
        {
            AlertKind.CapWarning => new(Label(kind), "Monthly GPU spend nearing the cap", AlertSeverity.Warning,
                "Nothing was stopped yet. When the monthly cap is reached, every non-exempt running GPU instance of the account is stopped.",
                "Stop what you do not need, or ask the policy owner to raise the account's monthlyUsd."),
            AlertKind.CapBreach => new(Label(kind), "Monthly GPU cap reached", AlertSeverity.Critical,
                dryRun ? "Dry-run: nothing was stopped; in enforce mode every non-exempt running GPU instance of the account would be stopped."
                       : "Every non-exempt running GPU instance of the account is being stopped (see the stop notices).",
                "Exempt instances that must keep running, or ask the policy owner to raise the account's monthlyUsd."),
            AlertKind.BurnCap => new(Label(kind), "Hourly GPU burn over the cap", AlertSeverity.Critical,
                dryRun ? "Dry-run: nothing was stopped; in enforce mode the newest GPU instances would be stopped until the burn is under the cap."
                       : "The newest GPU instances are being stopped until the account's burn is back under the cap.",
                "Stop instances you can spare, or ask the policy owner to raise maxHourlyBurnUsd."),
            AlertKind.Anomaly => new(Label(kind), "Unusual GPU spend per user", AlertSeverity.Warning,
                "Nothing was stopped: this is a heads-up.",
                "Check who is using these GPUs and whether the spend is expected."),
            AlertKind.ExemptionInvalid => new(Label(kind), "Invalid exemption ignored", AlertSeverity.Warning,
                "The exemption tag was ignored: this instance can be stopped like any other.",
                null),
            AlertKind.ActionLimit => new(Label(kind), "Safety limit reached: actions held back", AlertSeverity.Critical,
                "Only the highest-priority stops and terminations were applied; the rest wait for the next sweep.",
                "Look at why so many instances qualify at once before raising safety.maxActionsPerSweep."),
            AlertKind.GuardFailure => new(Label(kind), "CostGuard could not finish its sweep", AlertSeverity.Critical,
                "Nothing was acted on where the failure happened; the rest of the sweep went on.",
                "Check the guard's permissions and the cloud's status; the next sweep retries."),
            AlertKind.PolicyInvalid => new(Label(kind), "A policy upload was rejected", AlertSeverity.Critical,
                "The new version was not loaded: the last good version of the policy stays in force.",
                "Fix the errors named below (costguard validate shows them all) and upload the policy again."),
            AlertKind.GuardUnhealthy => new(Label(kind), "CostGuard keeps failing on an account", AlertSeverity.Critical,
                "The account is not being guarded until a sweep succeeds again.",
                "Check the guard's permissions on the account and the cloud's status; the error is named below."),
            _ => new(Label(kind), kind.ToString(), AlertSeverity.Warning, "See the reason below.", null),
        };
    }
}
