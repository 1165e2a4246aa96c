using System.Text;
using CostGuard.Policies;

namespace CostGuard.Cli.Output.Reports;

/// <summary>The kebab-case names the JSON contract uses for enum values (<c>monthly-cap</c>, <c>dry-run</c>, <c>aws</c>).</summary>
internal static class ContractNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    public static string Cloud(CloudKind cloud) => Of(cloud);

    /// <summary>Money in the contract: USD rounded to cents, halves away from zero.</summary>
    public static decimal Cents(decimal usd) => Math.Round(usd, 2, MidpointRounding.AwayFromZero);
}
