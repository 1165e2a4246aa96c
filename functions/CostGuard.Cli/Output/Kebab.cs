using System.Text.Json;

namespace CostGuard.Cli.Output;

/// <summary>Enum values as they appear in every CostGuard output: kebab-case (<c>dry-run</c>, <c>burn-cap</c>).</summary>
internal static class Kebab
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
