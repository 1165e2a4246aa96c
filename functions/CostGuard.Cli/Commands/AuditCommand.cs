using System.CommandLine;
using System.Text;
using System.Text.Json;
using CostGuard.Cli.Hosting;
using CostGuard.Ports;
using CostGuard.Time;

namespace CostGuard.Cli.Commands;

/// <summary><c>costguard audit</c>: lists the append-only audit log of decisions and actions.</summary>
internal static class AuditCommand
{
    /// <summary>How an intent that never got an outcome reads: the call may or may not have reached the cloud.</summary>
    public const string OpenIntent = "intent WITHOUT OUTCOME (the run ended before recording the call's result; the next sweep of the account re-checks it)";

    public static Command Create(CliEnvironment env)
    {
        var state = StateOption.Create();
        var since = new Option<string?>("--since") { Description = "Only records at or after this ISO-8601 time (no zone means UTC)." };
        var limit = new Option<int>("--limit") { Description = "Most records to list.", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print the records as a JSON array on stdout." };
        var command = new Command("audit", "List the audit log: every decision and action with time, account, instance, reason, mode and outcome.")
        {
            state,
            since,
            limit,
            json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            env, parseResult.GetValue(state), parseResult.GetValue(since), parseResult.GetValue(limit), parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? statePath, string? sinceText, int limit, bool json, CancellationToken cancellationToken)
    {
        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (!IsoTime.TryParseLenient(sinceText, out var parsed))
            {
                await env.Error.WriteLineAsync($"error: --since \"{sinceText}\" is not an ISO-8601 time (e.g. 2026-11-26T12:00:00Z)".AsMemory(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            since = parsed;
        }

        var services = await CliServices.ForStateAsync(env, statePath, "nothing was read", cancellationToken).ConfigureAwait(false);
        if (services is null)
        {
            return ExitCodes.InvalidInput;
        }

        await using var disposeServices = services.ConfigureAwait(false);
        var store = await CliServices.OpenStateAsync(env, services, cancellationToken).ConfigureAwait(false);
        if (store is null)
        {
            return ExitCodes.Failure;
        }

        var records = await store.ReadAsync(since, Math.Max(1, limit), cancellationToken).ConfigureAwait(false);

        // An intent whose outcome is in the log (on this page or later) is closed; the others never got one.
        var intentIds = records.Where(r => r.Kind == AuditKinds.Intent && r.ActionId is not null).Select(r => r.ActionId!).ToList();
        var closed = (await store.ReadActionsAsync(intentIds, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Kind == AuditKinds.Outcome).Select(r => r.ActionId!).ToHashSet(StringComparer.Ordinal);
        bool IsOpen(AuditRecord r) => r.Kind == AuditKinds.Intent && r.ActionId is not null && !closed.Contains(r.ActionId);
        foreach (var r in records)
        {
            var outcome = r.Kind switch
            {
                AuditKinds.Intent when IsOpen(r) => $"{OpenIntent}",
                AuditKinds.Intent => "intent",
                AuditKinds.Outcome => $"outcome {r.Outcome}",
                _ => r.Outcome,
            };
            await env.Error.WriteLineAsync(
                $"{IsoTime.Format(r.Time)} {r.Mode,-8} {r.Cloud} {r.Account} {r.Region ?? "-"} {r.Instance ?? "-"} {r.Action} [{r.Reason}] {outcome}: {r.Detail}".AsMemory(),
                cancellationToken).ConfigureAwait(false);
        }

        var open = records.Count(IsOpen);
        await env.Error.WriteLineAsync($"{records.Count} record(s){(open > 0 ? $", {open} intent(s) without an outcome" : string.Empty)}.".AsMemory(), cancellationToken).ConfigureAwait(false);
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartArray();
                foreach (var r in records)
                {
                    w.WriteStartObject();
                    w.WriteString("time", IsoTime.Format(r.Time));
                    w.WriteString("policy", r.Policy);
                    w.WriteString("cloud", r.Cloud);
                    w.WriteString("account", r.Account);
                    w.WriteString("region", r.Region);
                    w.WriteString("instance", r.Instance);
                    w.WriteString("action", r.Action);
                    w.WriteString("reason", r.Reason);
                    w.WriteString("mode", r.Mode);
                    w.WriteString("outcome", r.Outcome);
                    w.WriteString("detail", r.Detail);
                    w.WriteString("kind", r.Kind);
                    w.WriteString("actionId", r.ActionId);
                    w.WriteString("sweepId", r.SweepId);
                    if (r.Kind == AuditKinds.Intent)
                    {
                        w.WriteBoolean("outcomeRecorded", !IsOpen(r));
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            await env.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
