using CostGuard.Fleet;
using CostGuard.Time;

namespace CostGuard.Azure.Billing;

/// <summary>
/// Turns cost rows into the figures the engine needs. A row counts as GPU spend when its resource is a GPU VM
/// of the inventory, or is no longer in the inventory at all (deleted this month: its size is unknown, and
/// over-counting is the safe side for a cost guard); rows of VMs known to be non-GPU are ignored.
/// </summary>
internal static class SpendCalculator
{
    public static SpendFigures Compute(
        IReadOnlyList<CostRow> rows,
        IReadOnlyList<InstanceSnapshot> gpuInstances,
        IReadOnlySet<string> allVmIds,
        DateTimeOffset fetchedAt,
        DateTimeOffset now,
        string? userTag)
    {
        var gpuById = gpuInstances.ToDictionary(i => i.Id.ToLowerInvariant(), i => i, StringComparer.Ordinal);
        var monthStart = DateOnly.FromDateTime(IsoTime.MonthStart(now).UtcDateTime);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var counted = rows.Where(r => gpuById.ContainsKey(r.ResourceId) || !allVmIds.Contains(r.ResourceId)).ToList();

        var billed = counted.Where(r => r.Day >= monthStart && r.Day <= today).Sum(r => r.Cost);
        var lastDay = counted.Where(r => r.Day >= monthStart && r.Day <= today).Select(r => (DateOnly?)r.Day).Max();

        // Cost data lags hours to a day; treat the latest day with rows as complete and add live burn after it.
        var asOf = lastDay is null
            ? IsoTime.MonthStart(now)
            : Min(new DateTimeOffset(lastDay.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), fetchedAt);
        var live = 0m;
        foreach (var instance in gpuInstances.Where(i => i.IsBilling))
        {
            var since = instance.LaunchTime > asOf ? instance.LaunchTime : asOf;
            if (now > since)
            {
                live += instance.UsdPerHour * (decimal)(now - since).TotalHours;
            }
        }

        var currencies = counted.Select(r => r.Currency).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var currencyProblem = currencies.Any(c => !c.Equals("USD", StringComparison.OrdinalIgnoreCase))
            ? $"Cost Management reports costs in {string.Join(", ", currencies)}, not USD: caps compare them as if they were USD"
            : null;

        return new SpendFigures(decimal.Round(billed + live, 2), billed, asOf, Days(counted, gpuById, today, userTag), currencyProblem);
    }

    private static List<DailyUsage> Days(List<CostRow> counted, Dictionary<string, InstanceSnapshot> gpuById, DateOnly today, string? userTag)
    {
        var days = new List<DailyUsage>();
        foreach (var day in counted.Where(r => r.Day < today).GroupBy(r => r.Day).OrderBy(g => g.Key))
        {
            var byUser = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var row in day)
            {
                var user = userTag is not null && gpuById.TryGetValue(row.ResourceId, out var vm) ? vm.Tag(userTag) ?? "" : "";
                byUser[user] = byUser.GetValueOrDefault(user) + row.Cost;
            }

            days.Add(new DailyUsage
            {
                Day = day.Key,
                SpendUsd = day.Sum(r => r.Cost),

                // No utilization history per day here: users with GPU spend that day stand in for active users.
                ActiveUsers = byUser.Count(p => p.Key.Length > 0 && p.Value > 0),
                SpendByUser = byUser,
            });
        }

        return days;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
