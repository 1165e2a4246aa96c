using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Alerts.Messages;

/// <summary>Tells a reader how to exempt an instance, with the policy's tag and maximum duration and a valid example.</summary>
internal static class ExemptionHint
{
    private static readonly TimeSpan ExampleAhead = TimeSpan.FromDays(1);

    /// <summary>Null when the policy has no exemptions section (then no tag exempts anything).</summary>
    public static string? For(Policy policy, DateTimeOffset now)
    {
        if (policy.Exemptions is not { } rule)
        {
            return null;
        }

        // The example stays inside the maximum and is rounded to the hour so people can copy it as is.
        var ahead = rule.MaxDuration is { } max && max < ExampleAhead ? max : ExampleAhead;
        var example = TruncateToHour(now + ahead);
        if (example <= now)
        {
            example = now + ahead;
        }

        var limit = rule.MaxDuration is { } maxDuration
            ? $", at most {IsoDuration.Describe(maxDuration)} ({IsoDuration.Format(maxDuration)}) ahead; a later time is ignored"
            : string.Empty;
        return $"To exempt an instance from stops, tag it {rule.Tag}={IsoTime.Format(example)} (an ISO-8601 UTC expiry{limit}).";
    }

    private static DateTimeOffset TruncateToHour(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
