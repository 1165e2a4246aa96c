using System.Globalization;
using System.Text;

namespace CostGuard.Storage.Tables;

/// <summary>
/// Table keys may not hold '/', '\', '#', '?' or control characters: those (and '%', the escape itself) are
/// percent-encoded, so any policy name, dedup key or account id is a valid, reversible key.
/// </summary>
internal static class TableKeys
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The audit partition of one account: cloud and account, the account case-insensitive as the port says.</summary>
    public static string Account(string cloud, string account) => Escape(cloud.ToLowerInvariant() + "|" + account.ToLowerInvariant());

    /// <summary>Fixed-width ticks: row keys sort as text, so times must too.</summary>
    public static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Fixed-width ticks counted down from the largest time: ascending keys read newest first.</summary>
    public static string ReverseTicks(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
