using System.CommandLine;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard plan</c>: evaluates a policy and prints the decisions without acting.</summary>
internal static class PlanCommand
{
    public static Command Create(CliEnvironment env)
    {
        var policy = new Option<string>("--policy") { Description = "Policy JSON file (policy language v1).", Required = true };
        var snapshot = new Option<string?>("--snapshot") { Description = "Fleet snapshot JSON file; without it the policy's live accounts are read (dry run)." };
        var json = new Option<bool>("--json") { Description = "Print the plan as one JSON document on stdout." };
        var state = StateOption.Create();
        var command = new Command("plan", "Show what the policy would do, without acting.") { policy, snapshot, json, state };
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(snapshot) is null
            ? LiveSweepRunner.RunAsync(env, parseResult.GetValue(policy)!, act: false, parseResult.GetValue(json), parseResult.GetValue(state), cancellationToken)
            : Task.FromResult(ExitCodes.Success));
        return command;
    }
}
