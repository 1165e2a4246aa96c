using System.CommandLine;
using System.IO.Compression;
using System.Text;
using CostGuard.Simulation.Trace.Samples;
using CostGuard.Simulation.Trace;

namespace CostGuard.Cli.Commands;

/// <summary>
/// Hidden <c>costguard trace generate</c>: regenerates the seeded sample traces under policies/samples/traces.
/// Hidden because it is a maintainer's tool, not part of the product.
/// </summary>
internal static class TraceCommand
{
    // Stories with more rows than this are written gzip-compressed to keep the repository small.
    private const int GzipAboveRows = 500;

    public static Command Create(CliEnvironment env)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the traces to.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var generate = new Command("generate", "Write the sample FinOps story traces (one per story, plus all of them combined).") { output, seed };
        generate.SetAction((parseResult, cancellationToken) =>
            GenerateAsync(env, parseResult.GetValue(output)!, parseResult.GetValue(seed), cancellationToken));
        return new Command("trace", "Fleet trace tools.") { Hidden = true, Subcommands = { generate } };
    }

    private static async Task<int> GenerateAsync(CliEnvironment env, DirectoryInfo output, int seed, CancellationToken cancellationToken)
    {
        output.Create();
        foreach (var story in SampleStories.Names)
        {
            await WriteAsync(env, output, story, SampleStories.Generate(story, seed), cancellationToken).ConfigureAwait(false);
        }

        await WriteAsync(env, output, "fleet-two-weeks", SampleStories.Combined(seed), cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task WriteAsync(CliEnvironment env, DirectoryInfo output, string name, IReadOnlyList<GeneratedRow> rows, CancellationToken cancellationToken)
    {
        var gzip = rows.Count > GzipAboveRows;
        var path = Path.Combine(output.FullName, name + (gzip ? ".csv.gz" : ".csv"));
        var file = File.Create(path);
        await using (file.ConfigureAwait(false))
        {
            Stream stream = gzip ? new GZipStream(file, CompressionLevel.SmallestSize) : file;
            var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
            await using (writer.ConfigureAwait(false))
            {
                await TraceCsvWriter.WriteAsync(rows, writer, cancellationToken).ConfigureAwait(false);
            }
        }

        await env.Error.WriteLineAsync($"wrote {path} ({rows.Count} rows)").ConfigureAwait(false);
    }
}
