using CostGuard.Cli.Hosting;
using CostGuard.Cli.Output;
using CostGuard.Policies.Loading;
using CostGuard.Ports;
using CostGuard.State;
using CostGuard.Sweeps;
using Microsoft.Extensions.DependencyInjection;

namespace CostGuard.Cli.Commands;

/// <summary>
/// The live path of <c>plan</c> (no --snapshot) and of <c>enforce</c>: one sweep over the policy's accounts
/// through the cloud providers, with the SQLite state store.
/// </summary>
internal static class LiveSweepRunner
{
    public static async Task<int> RunAsync(CliEnvironment env, string policyFile, bool act, bool json, string? statePath, CancellationToken cancellationToken)
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

        var state = await OpenStateAsync(env, statePath, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return ExitCodes.Failure;
        }

        ServiceProvider services;
        try
        {
            services = CliServices.Build(env, state);
        }
        catch (SettingsException ex)
        {
            await env.Error.WriteLineAsync($"error: {ex.Message}; nothing was read or acted on.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        await using var disposeServices = services.ConfigureAwait(false);
        var sweep = services.GetRequiredService<GuardSweep>();
        await env.Error.WriteLineAsync($"Sweeping {policy.Accounts.Count} account(s) of policy \"{policy.Name}\"...".AsMemory(), cancellationToken).ConfigureAwait(false);
        var result = await sweep.RunAsync(policy, new SweepOptions { Act = act }, cancellationToken).ConfigureAwait(false);
        if (result.Acted)
        {
            // Launch events judge against this account's burn ledger: the sweep's inventory is its truth.
            var ledger = await SqliteBurnLedger.OpenAsync(statePath ?? SqliteStateStore.DefaultPath(), env.Time, cancellationToken).ConfigureAwait(false);
            result = result with { Problems = [.. result.Problems, .. await Launches.LedgerSweepSync.RecordAsync(ledger, policy, result, cancellationToken).ConfigureAwait(false)] };
        }

        SweepReport.Write(env.Error, result);
        if (json)
        {
            await env.Out.WriteLineAsync(SweepJson.Render(result).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    internal static async Task<SqliteStateStore?> OpenStateAsync(CliEnvironment env, string? statePath, CancellationToken cancellationToken)
    {
        var path = statePath ?? SqliteStateStore.DefaultPath();
        try
        {
            return await SqliteStateStore.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await env.Error.WriteLineAsync($"error: cannot open the state file {path}: {ex.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }
}
