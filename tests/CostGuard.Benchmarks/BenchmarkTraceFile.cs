using System.Text;
using CostGuard.Simulation.Trace.Samples;
using CostGuard.Simulation.Trace;

namespace CostGuard.Benchmarks;

/// <summary>
/// The simulate benchmark's input: 30 days of 1,000 instances at 5-minute samples (8.64 M rows), generated once
/// into the temp directory and reused by every benchmark process (a marker file says it was written completely).
/// </summary>
internal static class BenchmarkTraceFile
{
    public const int Instances = 1000;
    public const int Days = 30;

    public static string Path => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"costguard-bench-{Instances}x{Days}d.csv");

    public static async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        var done = Path + ".done";
        if (File.Exists(done) && File.Exists(Path))
        {
            return Path;
        }

        var writer = new StreamWriter(Path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            await TraceCsvWriter.WriteAsync(BenchmarkTrace.Rows(Instances, Days, TimeSpan.FromMinutes(5), seed: 7), writer, cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(done, "complete", cancellationToken).ConfigureAwait(false);
        return Path;
    }
}
