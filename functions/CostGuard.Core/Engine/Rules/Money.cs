using System.Globalization;

namespace CostGuard.Engine.Rules;

/// <summary>Formats USD amounts for sentences people read.</summary>
internal static class Money
{
    public static string Usd(decimal amount) => "$" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string PerHour(decimal amount) => Usd(amount) + "/h";
}
