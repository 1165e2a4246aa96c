using System.CommandLine;
using CostGuard.Cli.Output.Reports;
using CostGuard.Cli.Simulation;
using CostGuard.Cli.Simulation.Comparison;
using CostGuard.Simulation.Trace;
using CostGuard.Simulation;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard simulate</c>: backtests a policy over a recorded fleet trace, in simulated time, with no cloud account.</summary>
internal static class SimulateCommand
{
    // Traces smaller than this finish before a progress bar would be any use.
    private const long ProgressFromBytes = 8 << 20;

    public static Command Create(CliEnvironment env)
    {
        var policy = new Option<FileInfo>("--policy") { Description = "Policy JSON file.", Required = true };
        var trace = new Option<FileInfo>("--trace") { Description = "Fleet trace v1 (CSV, or .csv.gz).", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the result as one JSON document on stdout." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report to this file." };
        var opening = new Option<string[]>("--opening-spend")
        {
            Description = "GPU spend already accrued this month before the trace starts, as ACCOUNT=USD (repeatable).",
        };
        var baseline = new Option<FileInfo?>("--baseline-policy") { Description = "Also replay this policy (the one before a change) and report both runs and the difference." };
        var markdown = new Option<bool>("--markdown") { Description = "With --baseline-policy: write the comparison as Markdown on stdout (for a pull-request comment)." };
        var command = new Command("simulate", "Replay a fleet trace through a policy: what it would have stopped, saved and disrupted.")
        {
            policy, trace, json, html, opening, baseline, markdown,
        };
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(baseline) is not null || parseResult.GetValue(markdown)
            ? CompareAsync(env, parseResult.GetValue(policy)!, parseResult.GetValue(baseline), parseResult.GetValue(trace)!, parseResult.GetValue(json),
                parseResult.GetValue(markdown), parseResult.GetValue(html), parseResult.GetValue(opening) ?? [], cancellationToken)
            : RunAsync(
            env,
            parseResult.GetValue(policy)!,
            parseResult.GetValue(trace)!,
            parseResult.GetValue(json),
            parseResult.GetValue(html),
            parseResult.GetValue(opening) ?? [],
            cancellationToken));
        return command;
    }

    /// <summary>The <c>--baseline-policy</c> path (policy-change review); the single-policy path below is untouched by it.</summary>
    private static async Task<int> CompareAsync(
        CliEnvironment env, FileInfo policyFile, FileInfo? baselineFile, FileInfo traceFile, bool json, bool markdown, FileInfo? htmlFile, string[] opening, CancellationToken cancellationToken)
    {
        if (baselineFile is null)
        {
            await env.Error.WriteLineAsync("error: --markdown reports a comparison: give the policy before the change with --baseline-policy").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (!OpeningSpend.TryParse(opening, out var openingSpend, out var openingError))
        {
            await env.Error.WriteLineAsync($"error: {openingError}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        return await ComparisonRunner.RunAsync(env, new ComparisonRunner.Request(policyFile, baselineFile, traceFile, json, markdown, htmlFile, openingSpend), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(
        CliEnvironment env, FileInfo policyFile, FileInfo traceFile, bool json, FileInfo? htmlFile, string[] opening, CancellationToken cancellationToken)
    {
        if (!OpeningSpend.TryParse(opening, out var openingSpend, out var openingError))
        {
            await env.Error.WriteLineAsync($"error: {openingError}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var (policy, errors) = await SimulationPolicyFile.LoadAsync(policyFile.FullName, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            foreach (var error in errors)
            {
                await env.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        }

        if (!traceFile.Exists)
        {
            await env.Error.WriteLineAsync($"error: {traceFile.FullName}: the trace file does not exist").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var progress = traceFile.Length >= ProgressFromBytes ? new ProgressBar(env.Error) : null;
        SimulationResult result;
        try
        {
            result = await new TraceSimulator().RunAsync(
                policy,
                () => new FileStream(traceFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
                new SimulationOptions { OpeningSpendUsd = openingSpend, Progress = progress, Warning = env.Error.WriteLine },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TraceFormatException ex)
        {
            progress?.Done();
            await env.Error.WriteLineAsync($"error: {traceFile.Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (IOException ex)
        {
            progress?.Done();
            await env.Error.WriteLineAsync($"error: {traceFile.Name}: cannot read the trace: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        progress?.Done();
        foreach (var account in openingSpend.Keys.Where(a => !result.Accounts.Any(r => string.Equals(r.Account, a, StringComparison.OrdinalIgnoreCase))))
        {
            await env.Error.WriteLineAsync($"warning: --opening-spend names account {account}, which is not in the trace").ConfigureAwait(false);
        }

        SimulationSummary.Write(result, env.Error);
        if (htmlFile is not null)
        {
            try
            {
                await File.WriteAllTextAsync(htmlFile.FullName, SimulationHtmlReport.Render(result), cancellationToken).ConfigureAwait(false);
                await env.Error.WriteLineAsync($"HTML report: {htmlFile.FullName}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await env.Error.WriteLineAsync($"error: cannot write {htmlFile.FullName}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        if (json)
        {
            await env.Out.WriteAsync(SimulationJsonWriter.ToJson(result)).ConfigureAwait(false);
            await env.Out.WriteLineAsync().ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
