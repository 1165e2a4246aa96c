using System.CommandLine;
using CostGuard.Cli.Commands;

namespace CostGuard.Cli;

/// <summary>Builds the command tree; one file per verb under Commands/.</summary>
internal static class CostGuardCli
{
    public static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("CostGuard: a cloud GPU cost-guard for AWS and Azure.");
        root.Subcommands.Add(ValidateCommand.Create(env));
        root.Subcommands.Add(PlanCommand.Create(env));
        root.Subcommands.Add(SimulateCommand.Create(env));
        root.Subcommands.Add(TraceCommand.Create(env));
        root.Subcommands.Add(EnforceCommand.Create(env));
        root.Subcommands.Add(AuditCommand.Create(env));
        root.Subcommands.Add(AlertsCommand.Create(env));
        root.Subcommands.Add(EventCommand.Create(env));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment env)
    {
        var root = Build(env);
        var parseResult = root.Parse(args);
        // No termination timeout: enforce handles SIGTERM itself (see TerminationSignals) and must not be cut off while it
        // records the outcomes of calls in flight; other verbs end on the signal as any process does.
        var config = new InvocationConfiguration { Output = env.Error, Error = env.Error, ProcessTerminationTimeout = null };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await env.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        // Help goes to stdout by convention elsewhere; here stdout is reserved for machine-readable output.
        return await parseResult.InvokeAsync(config).ConfigureAwait(false);
    }
}
