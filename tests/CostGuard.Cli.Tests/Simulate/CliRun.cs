using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli.Simulate;

/// <summary>Runs the costguard command in-process with captured stdout/stderr.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment(output, error, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), _ => null);
        var exit = await CostGuardCli.RunAsync(args, env);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The repository root (where CostGuard.sln is), for the shipped samples.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CostGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CostGuard.sln not found above the test directory");
    }

    public static string Temp(string name, string content)
    {
        var dir = Directory.CreateTempSubdirectory("costguard-sim-");
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
