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
        var command = new Command(
            "enforce",
            "Sweep the policy's live accounts once and apply its decisions (stop, terminate, tag) unless the policy is dry-run. "
            + "Exit 0 on success, 1 when an account, action or delivery failed, 2 on an invalid policy.")
        {
            policy,
            json,
            state,
        };
        command.SetAction((parseResult, cancellationToken) => LiveSweepRunner.RunAsync(
            env, parseResult.GetValue(policy)!, act: true, parseResult.GetValue(json), parseResult.GetValue(state), cancellationToken));
        return command;
    }
}
