using System.Text;
using CostGuard.Simulation.Trace.Samples;
using CostGuard.Simulation.Trace;

namespace CostGuard.Benchmarks;

/// <summary>
/// The simulate benchmark's input: 1,000 instances at 5-minute samples for 7 days (2.016 M rows) or 30 days
/// (8.64 M rows), generated once into the temp directory and reused by every benchmark process (a marker file
/// says it was written completely).
/// </summary>
internal static class BenchmarkTraceFile
{
    public const int Instances = 1000;

    public static string PathFor(int days) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"costguard-bench-{Instances}x{days}d.csv");

    public static async Task<string> EnsureAsync(int days, CancellationToken cancellationToken)
    {
        var path = PathFor(days);
        var done = path + ".done";
        if (File.Exists(done) && File.Exists(path))
        {
            return path;
        }

        var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            await TraceCsvWriter.WriteAsync(BenchmarkTrace.Rows(Instances, days, TimeSpan.FromMinutes(5), seed: 7), writer, cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(done, "complete", cancellationToken).ConfigureAwait(false);
        return path;
    }
}
