using System.CommandLine;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard enforce --policy P</c>: one live sweep that acts, unless the policy is dry-run.</summary>
internal static class EnforceCommand
{
    public static Command Create(CliEnvironment env)
    {
        var policy = new Option<string>("--policy") { Description = "Policy JSON file (policy language v1).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the sweep as one JSON document on stdout." };
        var state = StateOption.Create();
        var sweepId = new Option<string?>("--sweep-id")
        {
            Description = "The sweep's id (default: policy@due-time of the current sweepInterval slot). A rerun with the same id "
                + "recognises the actions the first run already finished and does not send them again.",
        };
        var command = new Command(
            "enforce",
            "Sweep the policy's live accounts once and apply its decisions (stop, terminate, tag) unless the policy is dry-run. "
            + "Exit 0 on success, 1 when an account, action or delivery failed or another sweep holds an account's lock, 2 on an invalid "
            + "policy, 143 when SIGTERM/SIGINT stopped it (calls in flight completed and were recorded; nothing new was sent).")
        {
            policy,
            json,
            state,
            sweepId,
        };
        command.SetAction((parseResult, cancellationToken) => LiveSweepRunner.RunAsync(
            env, parseResult.GetValue(policy)!, act: true, parseResult.GetValue(json), parseResult.GetValue(state), cancellationToken, parseResult.GetValue(sweepId)));
        return command;
    }
}
