using System.Text.Json.Nodes;
using CostGuard.Json;
using CostGuard.Time;

namespace CostGuard.Policies.Loading;

/// <summary>Every duration parses as ISO-8601 (no months or years), respects its minimum, and grace periods are ordered.</summary>
internal static class DurationChecks
{
    private static readonly TimeSpan MetricPeriod = TimeSpan.FromMinutes(1);

    public static void Check(JsonObject policy, List<JsonIssue> issues)
    {
        Read(policy, "/sweepInterval", MetricPeriod, "the sweep interval must be at least PT1M", issues);
        Read(policy, "/idle/window", MetricPeriod, "the idle window must cover at least one metric period (PT1M)", issues);
        Read(policy, "/alerts/dedupWindow", TimeSpan.Zero, "the dedup window cannot be negative", issues);
        Read(policy, "/exemptions/maxDuration", TimeSpan.FromTicks(1), "the longest exemption must be longer than zero", issues);
        var stop = Read(policy, "/orphans/stopAfter", TimeSpan.Zero, "stopAfter cannot be negative", issues);
        var terminate = Read(policy, "/orphans/terminateAfter", TimeSpan.FromTicks(1), "terminateAfter must be longer than zero", issues);
        if (stop is { } s && terminate is { } t && s >= t)
        {
            issues.Add(new JsonIssue(
                "/orphans/terminateAfter",
                $"terminateAfter ({IsoDuration.Format(t)}) must be longer than stopAfter ({IsoDuration.Format(s)}): an orphan is stopped first and terminated later"));
        }
    }

    private static TimeSpan? Read(JsonObject policy, string pointer, TimeSpan minimum, string tooShort, List<JsonIssue> issues)
    {
        var node = policy.Root;
        foreach (var segment in JsonPointers.Split(pointer))
        {
            node = (node as JsonObject)?[segment];
        }

        if (JsonRead.String(node) is not { } text || UrlRedactor.ContainsUrl(text))
        {
            return null;
        }

        if (!IsoDuration.TryParse(text, out var value, out var error))
        {
            issues.Add(new JsonIssue(pointer, $"\"{text}\" is not a valid ISO-8601 duration: {error}"));
            return null;
        }

        if (value < minimum)
        {
            issues.Add(new JsonIssue(pointer, $"{tooShort}; found \"{text}\""));
            return null;
        }

        return value;
    }
}
