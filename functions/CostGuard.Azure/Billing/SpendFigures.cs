using CostGuard.Fleet;

namespace CostGuard.Azure.Billing;

/// <summary>Month-to-date GPU spend (billed + live burn since the billing data ends) and closed days for the anomaly rule.</summary>
internal sealed record SpendFigures(decimal MonthToDateUsd, DateTimeOffset SpendAsOf, IReadOnlyList<DailyUsage> Days, string? CurrencyProblem);
