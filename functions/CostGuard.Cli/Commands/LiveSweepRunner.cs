using CostGuard.Cli.Hosting;
using CostGuard.Cli.Output;
using CostGuard.Policies.Loading;
using CostGuard.Ports;
using CostGuard.Sweeps;
using Microsoft.Extensions.DependencyInjection;

namespace CostGuard.Cli.Commands;

/// <summary>
/// The live path of <c>plan</c> (no --snapshot) and of <c>enforce</c>: one sweep over the policy's accounts
/// through the cloud providers, with the SQLite state store, all taken from the CLI's composition (<see cref="CliServices"/>).
/// </summary>
internal static class LiveSweepRunner
{
    public static async Task<int> RunAsync(
        CliEnvironment env, string policyFile, bool act, bool json, string? statePath, CancellationToken cancellationToken, string? sweepId = null)
    {
        var loaded = await PolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false);
        if (loaded.Policy is not { } policy)
        {
            foreach (var error in loaded.Errors)
            {
                await env.Error.WriteLineAsync(InputError.From(error).ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await env.Error.WriteLineAsync($"{loaded.Errors.Count} error(s): nothing was read or acted on.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        if (policy.Accounts.Count == 0)
        {
            await env.Error.WriteLineAsync($"error: {policyFile}: the policy lists no accounts, so there is nothing live to sweep (plan a fleet file with --snapshot)".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var services = await CliServices.ForSweepsAsync(env, statePath, "nothing was read or acted on", cancellationToken).ConfigureAwait(false);
        if (services is null)
        {
            return ExitCodes.InvalidInput;
        }

        await using var disposeServices = services.ConfigureAwait(false);
        if (await CliServices.OpenStateAsync(env, services, cancellationToken).ConfigureAwait(false) is null)
        {
            return ExitCodes.Failure;
        }

        var accountLock = act ? services.GetRequiredService<IAccountLock>() : null;
        var sweep = services.GetRequiredService<GuardSweep>();
        await env.Error.WriteLineAsync($"Sweeping {policy.Accounts.Count} account(s) of policy \"{policy.Name}\"...".AsMemory(), cancellationToken).ConfigureAwait(false);
        using var signals = new TerminationSignals(env, cancellationToken);
        SweepResult result;
        try
        {
            var options = new SweepOptions { Act = act, SweepId = sweepId, Lock = accountLock, LockHolder = LockHolders.ForThisProcess() };
            result = await sweep.RunAsync(policy, options, signals.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.Signalled)
        {
            // Stopped while reading or deciding: nothing was sent, so there is nothing to record.
            await env.Error.WriteLineAsync("interrupted before acting: nothing was sent".AsMemory(), CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }

        if (result.Acting)
        {
            // Launch events judge against this account's burn ledger: the sweep's inventory is its truth.
            var ledger = services.GetRequiredService<IBurnLedger>();
            result = result with { Problems = [.. result.Problems, .. await Launches.LedgerSweepSync.RecordAsync(ledger, policy, result, CancellationToken.None).ConfigureAwait(false)] };
        }

        SweepReport.Write(env.Error, result);
        if (json)
        {
            await env.Out.WriteLineAsync(SweepJson.Render(result).AsMemory(), CancellationToken.None).ConfigureAwait(false);
        }

        return result.Interrupted || signals.Signalled ? ExitCodes.Interrupted : result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
