using System.Globalization;

namespace CostGuard.Cli.Simulation;

/// <summary>Parses repeated <c>--opening-spend ACCOUNT=USD</c> values.</summary>
internal static class OpeningSpend
{
    public static bool TryParse(IEnumerable<string> values, out Dictionary<string, decimal> spend, out string? error)
    {
        spend = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        error = null;
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0
                || !decimal.TryParse(value.AsSpan(equals + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd))
            {
                error = $"--opening-spend '{value}': expected ACCOUNT=USD, e.g. 111122223333=1250.50";
                return false;
            }

            var account = value[..equals].Trim();
            spend[account] = spend.GetValueOrDefault(account) + usd;
        }

        return true;
    }
}
