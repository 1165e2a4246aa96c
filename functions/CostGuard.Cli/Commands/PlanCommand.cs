using CostGuard.Sweeps;
using System.CommandLine;
using CostGuard.Cli.Output;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Fleet.Loading;
using CostGuard.Policies.Loading;
using CostGuard.Time;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard plan</c>: evaluates a policy against a fleet snapshot file and prints the decisions without acting.</summary>
internal static class PlanCommand
{
    public static Command Create(CliEnvironment env)
    {
        var policy = new Option<string>("--policy")
        {
            Description = "Policy JSON file (policy language v1).",
            HelpName = "policy.json",
            Required = true,
        };
        var snapshot = new Option<string?>("--snapshot")
        {
            Description = "Fleet snapshot JSON file (format: policies/samples/README.md). Without it the policy's live accounts are read (a dry run: nothing is changed).",
            HelpName = "snapshot.json",
        };
        var state = StateOption.Create();
        var json = new Option<bool>("--json")
        {
            Description = "Print the plan as one JSON document on stdout (policy, mode, evaluatedAt, accounts, actions, alerts, deferred).",
        };
        var now = new Option<string?>("--now")
        {
            Description = "Evaluation time, ISO-8601 (e.g. 2026-11-26T12:00:00Z; no zone means UTC). Default: the snapshot's newest sample time, else the current time.",
            HelpName = "time",
        };
        var command = new Command(
            "plan",
            "Show what the policy would do to a fleet snapshot (--snapshot) or to its live accounts, without acting: a table on stderr, JSON on stdout with --json. "
            + "Exit 0 on success, 2 when the policy or the snapshot is invalid (every error is listed).")
        {
            policy,
            snapshot,
            json,
            now,
            state,
        };
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(snapshot) is null
            ? LiveSweepRunner.RunAsync(env, parseResult.GetValue(policy)!, act: false, parseResult.GetValue(json), parseResult.GetValue(state), cancellationToken)
            : RunAsync(
            env,
            parseResult.GetValue(policy)!,
            parseResult.GetValue(snapshot)!,
            parseResult.GetValue(json),
            parseResult.GetValue(now),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string policyFile, string snapshotFile, bool json, string? nowText, CancellationToken cancellationToken)
    {
        DateTimeOffset? requestedNow = null;
        if (nowText is not null)
        {
            if (!IsoTime.TryParseLenient(nowText, out var parsed))
            {
                await env.Error.WriteLineAsync($"error: --now \"{nowText}\" is not an ISO-8601 time (e.g. 2026-11-26T12:00:00Z)".AsMemory(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            requestedNow = parsed;
        }

        // Load both inputs before giving up, so one run lists the errors of both.
        var policyResult = await PolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false);
        var snapshotResult = await FleetSnapshotLoader.LoadFileAsync(snapshotFile, cancellationToken).ConfigureAwait(false);
        if (policyResult.Policy is not { } loadedPolicy || snapshotResult.Snapshot is not { } loadedSnapshot)
        {
            return await ReportInvalidAsync(env, policyFile, policyResult, snapshotFile, snapshotResult, json, cancellationToken).ConfigureAwait(false);
        }

        var at = requestedNow ?? NewestSample(loadedSnapshot) ?? env.Time.GetUtcNow();
        await env.Error.WriteLineAsync(
            ($"Evaluating policy \"{loadedPolicy.Name}\" ({PlanWords.Of(loadedPolicy.Mode)}) against {snapshotFile}: {loadedSnapshot.Accounts.Count} account(s), "
            + $"{loadedSnapshot.Accounts.Sum(a => a.Instances.Count)} instance(s), at {IsoTime.Format(at)}.").AsMemory(),
            cancellationToken).ConfigureAwait(false);
        foreach (var note in ScopeNotes(loadedPolicy, loadedSnapshot))
        {
            await env.Error.WriteLineAsync(note.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        Plan plan;
        try
        {
            plan = new DecisionEngine().Evaluate(loadedPolicy, loadedSnapshot, at);
        }
        catch (Exception ex)
        {
            await env.Error.WriteLineAsync($"error: the decision engine failed: {ex.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        PlanTable.Write(env.Error, plan);
        if (json)
        {
            await env.Out.WriteLineAsync(PlanJson.Render(plan).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>Says which accounts the policy and the snapshot do not share, since those are silently not evaluated.</summary>
    internal static IEnumerable<string> ScopeNotes(Policies.Policy policy, FleetSnapshot snapshot)
    {
        foreach (var account in snapshot.Accounts.Where(a => !policy.IsInScope(a.Cloud, a.Id)))
        {
            yield return $"note: {PlanWords.Of(account.Cloud)} account {account.Id} is in the snapshot but not in the policy's accounts; it is not evaluated.";
        }

        foreach (var scope in policy.Accounts.Where(s => !snapshot.Accounts.Any(a => a.Cloud == s.Cloud && string.Equals(a.Id, s.Id, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"note: {PlanWords.Of(scope.Cloud)} account {scope.Id} is in the policy but not in the snapshot.";
        }
    }

    /// <summary>The newest sample time makes a snapshot file evaluate the same way every time it is planned.</summary>
    internal static DateTimeOffset? NewestSample(FleetSnapshot snapshot)
    {
        DateTimeOffset? newest = null;
        foreach (var sample in snapshot.Accounts.SelectMany(a => a.Instances).SelectMany(i => i.Samples))
        {
            if (newest is null || sample.Time > newest)
            {
                newest = sample.Time;
            }
        }

        return newest;
    }

    private static async Task<int> ReportInvalidAsync(
        CliEnvironment env, string policyFile, PolicyLoadResult policy, string snapshotFile, FleetSnapshotLoadResult snapshot, bool json, CancellationToken cancellationToken)
    {
        var files = new List<(string File, IReadOnlyList<InputError> Errors)>
        {
            (policyFile, policy.Errors.Select(InputError.From).ToList()),
            (snapshotFile, snapshot.Errors.Select(InputError.From).ToList()),
        };
        foreach (var error in files.SelectMany(f => f.Errors))
        {
            await env.Error.WriteLineAsync(error.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await env.Error.WriteLineAsync($"{files.Sum(f => f.Errors.Count)} error(s): nothing was evaluated or acted on.".AsMemory(), cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await InputErrorsJson.WriteAsync(env.Out, files, cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.InvalidInput;
    }
}
