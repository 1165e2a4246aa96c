using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Engine.Rules;

/// <summary>
/// Rule 1. An exemption tag holding an expiry later than now exempts the instance from every stop and
/// terminate (not from alerts). An expiry further than maxDuration from now, or an unreadable value,
/// is invalid: ignored, with an exemption-invalid alert once per instance and tag value.
/// </summary>
internal static class ExemptionRuleEvaluator
{
    /// <summary>The exemption status of a tag value at <paramref name="now"/>, without alerts (also used by the act-time re-check).</summary>
    public static ExemptionStatus Classify(ExemptionRule rule, string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value) || !IsoTime.TryParseLenient(value, out var expiry))
        {
            return string.IsNullOrWhiteSpace(value) ? ExemptionStatus.None : ExemptionStatus.Invalid;
        }

        if (expiry <= now)
        {
            return ExemptionStatus.Expired;
        }

        return rule.MaxDuration is { } max && expiry - now > max ? ExemptionStatus.Invalid : ExemptionStatus.Exempt;
    }

    public static ExemptionStatus Evaluate(EvaluationContext context, InstanceSnapshot instance)
    {
        var rule = context.Policy.Exemptions;
        if (rule is null)
        {
            return ExemptionStatus.None;
        }

        var value = instance.Tag(rule.Tag);
        if (string.IsNullOrWhiteSpace(value))
        {
            return ExemptionStatus.None;
        }

        string problem;
        if (!IsoTime.TryParseLenient(value, out var expiry))
        {
            problem = "it is not an ISO-8601 time (write e.g. 2026-12-01T18:00:00Z or 2026-12-01)";
        }
        else if (expiry <= context.Now)
        {
            // An exemption that has run out is simply over: nothing to report.
            return ExemptionStatus.Expired;
        }
        else if (rule.MaxDuration is { } max && expiry - context.Now > max)
        {
            problem = $"it ends {IsoTime.Format(expiry)}, more than the allowed {IsoDuration.Describe(max)} ({IsoDuration.Format(max)}) from now";
        }
        else
        {
            return ExemptionStatus.Exempt;
        }

        context.Raise(new PlannedAlert
        {
            Kind = AlertKind.ExemptionInvalid,
            Severity = AlertSeverity.Warning,
            Cloud = instance.Cloud,
            Account = instance.Account,
            Instance = instance,
            Message = $"Instance {instance.Id} ({instance.Type}, {instance.Region}) has exemption tag {rule.Tag}={value}, "
                + $"which is ignored because {problem}.",
            DedupKey = $"exemption-invalid|{EvaluationContext.CloudName(instance.Cloud)}|{instance.Account}|{instance.Id}|{value}",
        });
        return ExemptionStatus.Invalid;
    }
}
