using System.Globalization;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Engine.Rules;

/// <summary>
/// Cost-per-active-user anomalies. When a UTC day has closed, its CPAU (spend / max(1, active users))
/// is compared with the preceding baselineDays days (at least minBaselineDays of them known) by a robust
/// z-score; over the threshold, with enough spend, the account gets one anomaly alert for that day.
/// Only days present in <see cref="AccountSnapshot.DailyUsage"/> count: callers list zero-spend days
/// explicitly and leave out days they know nothing about.
/// </summary>
internal static class AnomalyRuleEvaluator
{
    public static void Evaluate(EvaluationContext context, AccountSnapshot account)
    {
        var rule = context.Policy.Anomaly;
        if (rule is null || account.DailyUsage.Count == 0)
        {
            return;
        }

        var day = DateOnly.FromDateTime(context.Now.UtcDateTime).AddDays(-1);
        var usage = Find(account.DailyUsage, day);
        if (usage is null || usage.SpendUsd < rule.MinDailyUsd)
        {
            return;
        }

        var first = day.AddDays(-rule.BaselineDays);
        var baseline = account.DailyUsage
            .Where(d => d.Day >= first && d.Day < day)
            .Select(CostPerActiveUser)
            .ToArray();
        if (baseline.Length < Math.Max(1, rule.MinBaselineDays))
        {
            return;
        }

        var cpau = CostPerActiveUser(usage);
        var (z, median) = RobustStatistics.Score(cpau, baseline);
        if (!(z > rule.Threshold))
        {
            return;
        }

        var top = usage.SpendByUser
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(3)
            .Select(p => $"{(p.Key.Length == 0 ? "(untagged)" : p.Key)} {Money.Usd(p.Value)}");
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var zText = double.IsPositiveInfinity(z) ? "inf" : z.ToString("0.0", CultureInfo.InvariantCulture);
        context.Raise(new PlannedAlert
        {
            Kind = AlertKind.Anomaly,
            Severity = AlertSeverity.Warning,
            Cloud = account.Cloud,
            Account = account.Id,
            Message = $"Account {account.Id}: cost per active user on {dayText} was {Money.Usd(cpau)} "
                + $"against a {baseline.Length.ToString(CultureInfo.InvariantCulture)}-day baseline median of {Money.Usd(median)} (robust z {zText}); "
                + $"GPU spend {Money.Usd(usage.SpendUsd)} for {usage.ActiveUsers.ToString(CultureInfo.InvariantCulture)} active users. "
                + $"Top users: {string.Join(", ", top)}.",
            DedupKey = $"anomaly|{EvaluationContext.CloudName(account.Cloud)}|{account.Id}|{dayText}",
        });
    }

    public static decimal CostPerActiveUser(DailyUsage usage) => usage.SpendUsd / Math.Max(1, usage.ActiveUsers);

    // Every account on every sweep looks for yesterday: a plain loop, no closure (the first entry for the day wins).
    private static DailyUsage? Find(IReadOnlyList<DailyUsage> days, DateOnly day)
    {
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i].Day == day)
            {
                return days[i];
            }
        }

        return null;
    }
}
