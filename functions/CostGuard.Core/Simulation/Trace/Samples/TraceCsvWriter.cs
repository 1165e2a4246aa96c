using System.Globalization;
using CostGuard.Time;

namespace CostGuard.Simulation.Trace.Samples;

/// <summary>Writes fleet trace v1 CSV (header first), quoting only fields that need it.</summary>
public static class TraceCsvWriter
{
    public const string Header = "time,cloud,account,region,instance,type,state,usd_per_hour,gpu_util,cpu_util,tags";

    public static async Task WriteAsync(IEnumerable<GeneratedRow> rows, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(Format(row).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Format(in GeneratedRow row) => string.Join(
        ',',
        IsoTime.Format(row.Time),
        row.Cloud,
        Quote(row.Account),
        row.Region,
        Quote(row.Instance),
        row.Type,
        row.State,
        row.UsdPerHour.ToString(CultureInfo.InvariantCulture),
        Percent(row.GpuPercent),
        Percent(row.CpuPercent),
        Quote(row.Tags));

    private static string Percent(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
