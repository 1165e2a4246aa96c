using System.CommandLine;
using CostGuard.Cli.Output;
using CostGuard.Engine;
using CostGuard.Policies.Loading;
using CostGuard.Sweeps;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard validate &lt;policy.json&gt;...</c>: reports every error of every policy at once.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliEnvironment env)
    {
        var policies = new Argument<string[]>("policy.json")
        {
            Description = "Policy JSON files to validate (policy language v1).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Also print the result as one JSON document on stdout: {\"valid\", \"files\":[...], \"errors\":[{file,path,line,column,message}]}.",
        };
        var command = new Command(
            "validate",
            "Validate policy files against the schema and the semantic rules. Every error is listed on stderr as "
            + "file:line:col: path: message. Exit 0 when every policy is valid, 2 otherwise.")
        {
            policies,
            json,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(env, parseResult.GetValue(policies) ?? [], parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string[] files, bool json, CancellationToken cancellationToken)
    {
        var results = new List<(string File, IReadOnlyList<InputError> Errors)>();
        foreach (var file in files)
        {
            var result = await PolicyLoader.LoadFileAsync(file, cancellationToken).ConfigureAwait(false);
            var errors = result.Errors.Select(InputError.From).ToList();
            results.Add((file, errors));
            foreach (var error in errors)
            {
                await env.Error.WriteLineAsync(error.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            if (result.Policy is { } policy)
            {
                await env.Error.WriteLineAsync($"{file}: valid (policy \"{policy.Name}\", {PlanWords.Of(policy.Mode)})".AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        var invalid = results.Count(r => r.Errors.Count > 0);
        var summary = invalid == 0
            ? $"{results.Count} policy file(s) valid."
            : $"{invalid} of {results.Count} policy file(s) invalid, {results.Sum(r => r.Errors.Count)} error(s).";
        await env.Error.WriteLineAsync(summary.AsMemory(), cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await InputErrorsJson.WriteAsync(env.Out, results, cancellationToken).ConfigureAwait(false);
        }

        return invalid == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
