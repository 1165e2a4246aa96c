using System.Globalization;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>Dollar and count formatting for the comparison report (cents, signed changes).</summary>
internal static class Money
{
    public static string Usd(decimal usd) =>
        (usd < 0 ? "-$" : "$") + Math.Abs(Math.Round(usd, 2, MidpointRounding.AwayFromZero)).ToString("N2", CultureInfo.InvariantCulture);

    public static string SignedUsd(decimal usd) => usd switch
    {
        > 0 => "+" + Usd(usd),
        0 => "$0.00",
        _ => Usd(usd),
    };

    public static string Signed(int n) => n switch
    {
        > 0 => "+" + n.ToString(CultureInfo.InvariantCulture),
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    public static string Percent(decimal part, decimal whole) =>
        whole == 0 ? "0.0 %" : (part / whole * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
