namespace CostGuard.Cli;

/// <summary>The process's outside world, injected so verbs run in-process in tests.</summary>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    TimeProvider Time,
    Func<string, string?> GetVariable)
{
    public static CliEnvironment FromProcess() =>
        new(Console.Out, Console.Error, TimeProvider.System, Environment.GetEnvironmentVariable);
}
