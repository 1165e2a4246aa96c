using System.Globalization;

namespace CostGuard.Alerts.Messages;

/// <summary>Formats money the same way in every message (invariant culture: messages are read across locales).</summary>
internal static class MoneyText
{
    public static string PerHour(decimal usdPerHour) =>
        usdPerHour <= 0 ? "unknown" : $"${usdPerHour.ToString("#,0.00", CultureInfo.InvariantCulture)}/h";
}
