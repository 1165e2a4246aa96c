using CostGuard.Fleet;

namespace CostGuard.Azure.Billing;

/// <summary>
/// Month-to-date GPU spend (<paramref name="BilledUsd"/> up to <paramref name="SpendAsOf"/> + live burn since) and closed
/// days for the anomaly rule.
/// </summary>
internal sealed record SpendFigures(decimal MonthToDateUsd, decimal BilledUsd, DateTimeOffset SpendAsOf, IReadOnlyList<DailyUsage> Days, string? CurrencyProblem);
