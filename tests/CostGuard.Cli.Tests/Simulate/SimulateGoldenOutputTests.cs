namespace CostGuard.Cli.Simulate;

/// <summary>
/// <c>simulate --json</c> on every shipped sample trace, compared byte for byte with the output recorded under
/// <c>Expected/</c> before the simulator was made incremental: speed work must never change a result. After an
/// intended change of the results, regenerate the files with the same command and review the difference.
/// </summary>
public sealed class SimulateGoldenOutputTests
{
    private static readonly string Samples = Path.Combine(CliRun.RepoRoot(), "policies", "samples");
    private static readonly string Expected = Path.Combine(CliRun.RepoRoot(), "tests", "CostGuard.Cli.Tests", "Simulate", "Expected");

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var trace in Directory.GetFiles(Path.Combine(Samples, "traces"), "*.csv*").Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(trace), "enforce");
        }

        foreach (var trace in new[] { "fleet-two-weeks.csv.gz", "weekend-sweep.csv.gz", "zombie-env.csv.gz" })
        {
            cases.Add(trace, "dry-run");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SimulateJson_SampleTrace_IsByteIdenticalToTheRecordedOutput(string trace, string mode)
    {
        var name = trace[..trace.IndexOf('.', StringComparison.Ordinal)];
        var policy = mode == "enforce" ? Path.Combine(Samples, "sample-gpu-guard.json") : Path.Combine(Expected, "dry-run-policy.json");
        var expectedFile = Path.Combine(Expected, mode == "enforce" ? $"{name}.json" : $"{name}.dry-run.json");

        var (exit, stdout, stderr) = await CliRun.RunAsync("simulate", "--policy", policy, "--trace", Path.Combine(Samples, "traces", trace), "--json");

        Assert.True(exit == 0, stderr);
        var expected = await File.ReadAllTextAsync(expectedFile);
        Assert.Equal(expected.ReplaceLineEndings("\n"), stdout.ReplaceLineEndings("\n"));
    }
}
