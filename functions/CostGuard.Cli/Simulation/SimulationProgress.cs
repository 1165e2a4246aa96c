using Spectre.Console;

namespace CostGuard.Cli.Simulation;

/// <summary>
/// Shows a Spectre progress bar on stderr while a long trace is simulated, only when stderr is a terminal:
/// logs and pipes get the summary alone, not a stream of redraws.
/// </summary>
internal static class SimulationProgress
{
    // Traces smaller than this finish before a progress bar would be any use.
    private const long FromBytes = 8 << 20;

    public static async Task<T> RunAsync<T>(CliEnvironment env, long traceBytes, Func<IProgress<double>?, Task<T>> run)
    {
        if (traceBytes < FromBytes || !ReferenceEquals(env.Error, Console.Error) || Console.IsErrorRedirected)
        {
            return await run(null).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("simulating", maxValue: 1);
                var result = await run(new TaskProgress(task)).ConfigureAwait(false);
                task.Value = 1;
                return result;
            }).ConfigureAwait(false);
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Clamp(value, 0, 1);
    }
}
