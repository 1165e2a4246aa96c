using CostGuard.Engine;
using System.Globalization;
using CostGuard.Launches;
using CostGuard.Sweeps;

namespace CostGuard.Cli.Output;

/// <summary>One line a person reads for a launch decision (stderr).</summary>
internal static class LaunchText
{
    public static string Describe(LaunchResult result)
    {
        var who = result.Event is { } e ? $"{PlanWords.Cloud(e.Cloud)} {e.Account} {e.InstanceId}" : result.EventType;
        var burn = result.BurnBeforeUsdPerHour is { } before && result.BurnAfterUsdPerHour is { } after
            ? $" (burn {Usd(before)}/h -> {Usd(after)}/h)"
            : string.Empty;
        var dry = result.DryRun ? " [dry-run: nothing acted on]" : string.Empty;
        return $"{who}: {PlanWords.Of(result.Decision)} ({result.Reason}){burn}: {result.Detail}{dry}";
    }

    private static string Usd(decimal value) => "$" + value.ToString("0.00", CultureInfo.InvariantCulture);
}
