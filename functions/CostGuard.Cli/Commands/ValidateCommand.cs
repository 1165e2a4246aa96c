using System.CommandLine;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard validate &lt;policy.json&gt;...</c>: reports every error of every policy at once.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliEnvironment env)
    {
        var policies = new Argument<FileInfo[]>("policy") { Description = "Policy JSON files to validate.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Validate policy files against the schema and semantic rules.") { policies };
        command.SetAction(parseResult => ExitCodes.Success);
        return command;
    }
}
