using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Cli.Output.Reports;

/// <summary>
/// The names and amounts the simulate JSON contract uses: enum values as every output writes them (one mapping,
/// <see cref="PlanWords"/>: <c>monthly-cap</c>, <c>dry-run</c>, <c>aws</c>) and money in cents.
/// </summary>
internal static class ContractNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => PlanWords.Of(value);

    public static string Cloud(CloudKind cloud) => PlanWords.Cloud(cloud);

    /// <summary>Money in the contract: USD rounded to cents, halves away from zero.</summary>
    public static decimal Cents(decimal usd) => Math.Round(usd, 2, MidpointRounding.AwayFromZero);
}
