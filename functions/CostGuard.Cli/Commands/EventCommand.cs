using System.CommandLine;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard event --policy P [--state F] [--json] &lt;file|-&gt;</c>: processes one launch event as the event function does.</summary>
internal static class EventCommand
{
    public static Command Create(CliEnvironment env)
    {
        var policy = new Option<string>("--policy") { Description = "Policy JSON file (policy language v1).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the decision as JSON on stdout." };
        var state = StateOption.Create();
        var payload = new Argument<string>("event") { Description = "Event payload file (EventBridge or Event Grid/CloudEvents JSON), or - for stdin." };
        var command = new Command(
            "event",
            "Process one launch event against the live accounts exactly as the event function does: read the instance, judge it "
            + "against the account's burn ledger in the state file, act (unless the policy is dry-run) and print the decision. "
            + "Exit 0 when judged, 1 when it could not be judged (retry) or an action failed, 2 on an invalid policy or event.")
        {
            policy,
            json,
            state,
            payload,
        };
        command.SetAction((parseResult, cancellationToken) => EventRunner.RunAsync(
            env, parseResult.GetValue(policy)!, parseResult.GetValue(payload)!, parseResult.GetValue(json), parseResult.GetValue(state), cancellationToken));
        return command;
    }
}
