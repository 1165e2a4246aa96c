using System.Globalization;

namespace CostGuard.Storage.Tables;

/// <summary>Times are stored as round-trip ISO text: exact to the tick on every backend (Edm.DateTime is not).</summary>
internal static class StorageTimes
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOrNull(string? text) => string.IsNullOrEmpty(text) ? null : Parse(text);
}
