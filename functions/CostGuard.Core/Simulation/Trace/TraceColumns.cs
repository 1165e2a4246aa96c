using nietras.SeparatedValues;

namespace CostGuard.Simulation.Trace;

/// <summary>Where each of the eleven required columns of fleet trace v1 sits in a file's header.</summary>
internal sealed record TraceColumns(
    int Time, int Cloud, int Account, int Region, int Instance, int Type, int State, int UsdPerHour, int GpuUtil, int CpuUtil, int Tags, int Count, IReadOnlyList<string> Names)
{
    public static readonly IReadOnlyList<string> Required =
        ["time", "cloud", "account", "region", "instance", "type", "state", "usd_per_hour", "gpu_util", "cpu_util", "tags"];

    /// <summary>Maps the header (any order, extra columns ignored); every missing column is named at once.</summary>
    public static TraceColumns FromHeader(SepReader.Row header)
    {
        var names = new List<string>(header.ColCount);
        var line = TraceReader.LineOf(header);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.ColCount; i++)
        {
            var name = header[i].Span.Trim().ToString();
            names.Add(name);
            if (Required.Contains(name, StringComparer.OrdinalIgnoreCase) && !index.TryAdd(name, i))
            {
                throw new TraceFormatException(line, name, "the column appears twice in the header");
            }
        }

        var missing = Required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new TraceFormatException(
                line,
                null,
                $"the header lacks required column(s) {string.Join(", ", missing)}; fleet trace v1 needs all of {string.Join(",", Required)}");
        }

        return new TraceColumns(
            index["time"], index["cloud"], index["account"], index["region"], index["instance"], index["type"], index["state"],
            index["usd_per_hour"], index["gpu_util"], index["cpu_util"], index["tags"], names.Count, names);
    }
}
