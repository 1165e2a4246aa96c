using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli;

/// <summary>Runs the costguard command in-process with captured stdout/stderr and a fake clock.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static readonly DateTimeOffset FakeNow = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, new FakeTimeProvider(FakeNow), _ => null);
        var exit = await CostGuardCli.RunAsync(args, env);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

}
