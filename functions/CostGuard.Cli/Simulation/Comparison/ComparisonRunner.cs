using CostGuard.Cli.Output.Reports;
using CostGuard.Policies;
using CostGuard.Simulation;
using CostGuard.Simulation.Trace;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>
/// <c>simulate --policy NEW --baseline-policy OLD --trace T [--markdown | --json]</c>: replays the trace through
/// both policies and reports each run and the difference (human summary on stderr, Markdown or JSON on stdout).
/// </summary>
internal static class ComparisonRunner
{
    public sealed record Request(FileInfo Policy, FileInfo Baseline, FileInfo Trace, bool Json, bool Markdown, FileInfo? Html, IReadOnlyDictionary<string, decimal> OpeningSpend);

    public static async Task<int> RunAsync(CliEnvironment env, Request request, CancellationToken cancellationToken)
    {
        if (request.Json && request.Markdown)
        {
            await env.Error.WriteLineAsync("error: --json and --markdown both write to stdout: choose one").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // Both policies are validated before anything runs, and every error of both is listed.
        var (policy, policyErrors) = await SimulationPolicyFile.LoadAsync(request.Policy.FullName, cancellationToken).ConfigureAwait(false);
        var (baseline, baselineErrors) = await SimulationPolicyFile.LoadAsync(request.Baseline.FullName, cancellationToken).ConfigureAwait(false);
        if (policy is null || baseline is null)
        {
            foreach (var error in policyErrors)
            {
                await env.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            }

            foreach (var error in baselineErrors)
            {
                await env.Error.WriteLineAsync($"error: (baseline) {error}").ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        }

        if (!request.Trace.Exists)
        {
            await env.Error.WriteLineAsync($"error: {request.Trace.FullName}: the trace file does not exist").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        PolicyComparison comparison;
        try
        {
            comparison = await CompareAsync(env, policy, baseline, request, cancellationToken).ConfigureAwait(false);
        }
        catch (TraceFormatException ex)
        {
            await env.Error.WriteLineAsync($"error: {request.Trace.Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (IOException ex)
        {
            await env.Error.WriteLineAsync($"error: {request.Trace.Name}: cannot read the trace: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        await env.Error.WriteLineAsync("Baseline:").ConfigureAwait(false);
        SimulationSummary.Write(comparison.Baseline.Result, env.Error);
        await env.Error.WriteLineAsync().ConfigureAwait(false);
        await env.Error.WriteLineAsync("New:").ConfigureAwait(false);
        SimulationSummary.Write(comparison.New.Result, env.Error);
        await env.Error.WriteLineAsync().ConfigureAwait(false);
        await env.Error.WriteLineAsync(
            $"Change: saved {Money.SignedUsd(comparison.New.SavedUsd - comparison.Baseline.SavedUsd)}, "
            + $"actions {Money.Signed(comparison.New.Result.Actions.Count - comparison.Baseline.Result.Actions.Count)}, "
            + $"disruptions {Money.Signed(comparison.New.Result.Disruptions.Count - comparison.Baseline.Result.Disruptions.Count)}").ConfigureAwait(false);

        if (request.Html is not null)
        {
            try
            {
                await File.WriteAllTextAsync(request.Html.FullName, SimulationHtmlReport.Render(comparison.New.Result), cancellationToken).ConfigureAwait(false);
                await env.Error.WriteLineAsync($"HTML report (new policy): {request.Html.FullName}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await env.Error.WriteLineAsync($"error: cannot write {request.Html.FullName}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        if (request.Markdown)
        {
            await env.Out.WriteAsync(ComparisonMarkdown.Render(comparison)).ConfigureAwait(false);
        }
        else if (request.Json)
        {
            await env.Out.WriteLineAsync(ComparisonJson.ToJson(comparison)).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task<PolicyComparison> CompareAsync(CliEnvironment env, Policy policy, Policy baseline, Request request, CancellationToken cancellationToken)
    {
        Stream Open() => new FileStream(request.Trace.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var options = new SimulationOptions { OpeningSpendUsd = request.OpeningSpend, Warning = env.Error.WriteLine };
        var comparer = new PolicyComparer(Open, options);
        var changed = await comparer.RunAsync(policy, cancellationToken).ConfigureAwait(false);

        // The trace's warnings (rows out of order...) were said once already.
        var baselineRun = await new PolicyComparer(Open, options with { Warning = null }).RunAsync(baseline, cancellationToken).ConfigureAwait(false);
        return new PolicyComparison(request.Trace.Name, changed, baselineRun);
    }
}
