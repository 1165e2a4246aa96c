using System.Globalization;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Engine.Rules;

/// <summary>
/// Rule 3. A running, non-exempt GPU instance launched at least a window ago is idle when every sample
/// in effect over the closed window [now - window, now] is below the thresholds. The sample in effect at
/// the window's start counts (a sample holds until the next one). Missing data fails closed unless the
/// policy says missingMetrics: active.
/// </summary>
internal static class IdleRuleEvaluator
{
    public static void Evaluate(EvaluationContext context, InstanceSnapshot instance, bool exempt)
    {
        var rule = context.Policy.Idle;
        if (rule is null || exempt || !instance.IsBilling || context.IsDisrupted(instance))
        {
            return;
        }

        if (context.Now - instance.LaunchTime < rule.Window)
        {
            return;
        }

        var verdict = Judge(rule, instance.Samples, context.Now);
        if (verdict == IdleVerdict.Active)
        {
            return;
        }

        context.Decide(new PlannedAction
        {
            Action = ActionKind.Stop,
            Reason = ActionReason.Idle,
            Instance = instance,
            Detail = Describe(rule, verdict),
        });
    }

    /// <summary>Judges the trailing window; samples must be in time order.</summary>
    public static IdleVerdict Judge(IdleRule rule, IReadOnlyList<UtilizationSample> samples, DateTimeOffset now)
    {
        var windowStart = now - rule.Window;
        var missingIsIdle = rule.MissingMetrics == MissingMetricsTreatment.Idle;
        var start = LastAtOrBefore(samples, windowStart);
        var sawMissing = false;
        var sawData = false;
        if (start < 0)
        {
            // Nothing was in effect at the window's start: that stretch has no data.
            if (!missingIsIdle)
            {
                return IdleVerdict.Active;
            }

            sawMissing = true;
            start = FirstAfter(samples, windowStart);
        }

        for (var i = start; i >= 0 && i < samples.Count && samples[i].Time <= now; i++)
        {
            var sample = samples[i];
            var missing = false;
            if (sample.GpuPercent is not { } gpu)
            {
                missing = true;
            }
            else if (gpu >= rule.GpuUtilBelow)
            {
                return IdleVerdict.Active;
            }

            if (rule.CpuUtilBelow is { } cpuBelow)
            {
                if (sample.CpuPercent is not { } cpu)
                {
                    missing = true;
                }
                else if (cpu >= cpuBelow)
                {
                    return IdleVerdict.Active;
                }
            }

            if (missing)
            {
                if (!missingIsIdle)
                {
                    return IdleVerdict.Active;
                }

                sawMissing = true;
            }
            else
            {
                sawData = true;
            }
        }

        return (sawData, sawMissing) switch
        {
            (false, _) => IdleVerdict.NoData,
            (true, true) => IdleVerdict.IdleWithMissingData,
            _ => IdleVerdict.Idle,
        };
    }

    private static string Describe(IdleRule rule, IdleVerdict verdict)
    {
        var window = IsoDuration.Describe(rule.Window);
        var gpu = rule.GpuUtilBelow.ToString("0.##", CultureInfo.InvariantCulture);
        var cpu = rule.CpuUtilBelow is { } c ? $" and CPU below {c.ToString("0.##", CultureInfo.InvariantCulture)}%" : string.Empty;
        return verdict switch
        {
            IdleVerdict.NoData => $"no utilization metrics for {window} (missing metrics count as idle)",
            IdleVerdict.IdleWithMissingData => $"GPU below {gpu}%{cpu} for {window}, with gaps in the metrics counted as idle",
            _ => $"GPU below {gpu}%{cpu} for {window}",
        };
    }

    private static int LastAtOrBefore(IReadOnlyList<UtilizationSample> samples, DateTimeOffset time)
    {
        int lo = 0, hi = samples.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (samples[mid].Time <= time)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private static int FirstAfter(IReadOnlyList<UtilizationSample> samples, DateTimeOffset time)
    {
        var index = LastAtOrBefore(samples, time) + 1;
        return index < samples.Count ? index : -1;
    }
}
