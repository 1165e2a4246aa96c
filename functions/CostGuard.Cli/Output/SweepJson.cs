using System.Text;
using System.Text.Json;
using CostGuard.Engine;
using CostGuard.Ports;
using CostGuard.Sweeps;
using CostGuard.Time;

namespace CostGuard.Cli.Output;

/// <summary>
/// A live sweep as one JSON document, in the simulator's actions/alerts shape plus what only a live run
/// knows: each action's outcome, per-account read results, API request counts and problems.
/// </summary>
internal static class SweepJson
{
    public static string Render(SweepResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var plan = result.Plan;
            var time = plan.EvaluatedAt;
            w.WriteStartObject();
            w.WriteString("policy", plan.PolicyName);
            w.WriteString("mode", PlanWords.Mode(plan.Mode));
            w.WriteString("evaluatedAt", IsoTime.Format(time));
            w.WriteString("sweepId", result.SweepId);
            w.WriteBoolean("acted", result.Acted);
            w.WriteBoolean("interrupted", result.Interrupted);
            w.WriteStartArray("accounts");
            foreach (var locked in result.Locked)
            {
                w.WriteStartObject();
                w.WriteString("cloud", PlanWords.Cloud(locked.Cloud));
                w.WriteString("account", locked.Id);
                w.WriteString("status", SweepResult.LockedOutcome);
                w.WriteEndObject();
            }

            foreach (var read in result.Reads)
            {
                WriteAccount(w, result, read, plan.Accounts.FirstOrDefault(a => a.Cloud == read.Account.Cloud && a.Account == read.Account.Id));
            }

            w.WriteEndArray();
            var held = new Dictionary<PlannedAction, HeldAction>(ReferenceEqualityComparer.Instance);
            foreach (var h in result.Held)
            {
                held[h.Action] = h;
            }

            var outcomes = new Dictionary<PlannedAction, ActionOutcome>(ReferenceEqualityComparer.Instance);
            foreach (var o in result.Outcomes)
            {
                outcomes[o.Action] = o;
            }

            w.WriteStartArray("actions");
            foreach (var action in plan.Actions)
            {
                if (held.TryGetValue(action, out var h))
                {
                    // The reason the engine would have had, made honest (never "no metrics" over a failed metrics read).
                    WriteAction(w, action with { Detail = h.Detail }, time, HeldAction.Outcome, h.Why);
                    continue;
                }

                var outcome = outcomes.GetValueOrDefault(action);
                WriteAction(w, action, time, outcome is null ? AuditOutcomes.Planned : SweepOutcomeWord(outcome), outcome?.Error);
            }

            w.WriteEndArray();
            w.WriteStartArray("deferred");
            foreach (var action in plan.Deferred)
            {
                WriteAction(w, action, time, AuditOutcomes.Deferred, null);
            }

            w.WriteEndArray();
            w.WriteStartArray("alerts");
            foreach (var alert in plan.Alerts)
            {
                w.WriteStartObject();
                w.WriteString("time", IsoTime.Format(time));
                w.WriteString("kind", PlanWords.Alert(alert.Kind));
                w.WriteString("severity", alert.Severity.ToString().ToLowerInvariant());
                w.WriteString("cloud", PlanWords.Cloud(alert.Cloud));
                w.WriteString("account", alert.Account);
                w.WriteString("message", alert.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("requests");
            foreach (var (key, count) in result.Requests)
            {
                w.WriteNumber(key, count);
            }

            w.WriteEndObject();
            w.WriteStartArray("problems");
            foreach (var problem in result.Reads.SelectMany(r => r.Problems.Select(p => $"{PlanWords.Cloud(r.Account.Cloud)} {r.Account.Id}: {p}")).Concat(result.Problems))
            {
                w.WriteStringValue(problem);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // "skipped: exempt now" keeps its reason in the word; other outcomes carry it in "error".
    private static string SweepOutcomeWord(ActionOutcome outcome) =>
        outcome.Status == ActionStatus.Skipped && outcome.Error is { Length: > 0 } why ? $"skipped: {why}" : AuditOutcomes.For(outcome.Status);

    private static void WriteAccount(Utf8JsonWriter w, SweepResult result, AccountReadResult read, AccountSummary? summary)
    {
        w.WriteStartObject();
        w.WriteString("cloud", PlanWords.Cloud(read.Account.Cloud));
        w.WriteString("account", read.Account.Id);
        w.WriteString("status", result.Acting ? "swept" : "planned");
        w.WriteBoolean("complete", read.Complete);
        var why = read.IncompleteReasons();
        if (why.Count > 0)
        {
            w.WriteString("incomplete", string.Join("; ", why));
        }
        else
        {
            w.WriteNull("incomplete");
        }

        // Counts and burn of a partial inventory are not facts: null, never 0.
        if (read.Complete && read.Snapshot is not null)
        {
            w.WriteNumber("gpuInstances", read.Snapshot.Instances.Count);
            w.WriteNumber("billingGpuInstances", summary?.BillingGpuInstances ?? read.Snapshot.Instances.Count(i => i.IsBilling));
            w.WriteNumber("burnUsdPerHour", summary?.BurnUsdPerHour ?? 0m);
            w.WriteNumber("burnAfterPlanUsdPerHour", summary is null ? 0m : result.BurnAfter(summary));
        }
        else
        {
            w.WriteNull("gpuInstances");
            w.WriteNull("billingGpuInstances");
            w.WriteNull("burnUsdPerHour");
            w.WriteNull("burnAfterPlanUsdPerHour");
        }

        w.WriteNumber("monthToDateUsd", read.Snapshot?.MonthToDateUsd ?? 0m);
        if (read.Snapshot?.SpendAsOf is { } asOf)
        {
            w.WriteString("spendAsOf", IsoTime.Format(asOf));
        }
        else
        {
            w.WriteNull("spendAsOf");
        }

        w.WriteStartArray("problems");
        foreach (var p in read.Problems)
        {
            w.WriteStringValue(p);
        }

        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var note in read.Notes)
        {
            w.WriteStartObject();
            w.WriteString("instance", note.InstanceId);
            w.WriteString("note", note.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter w, PlannedAction action, DateTimeOffset time, string outcome, string? error)
    {
        w.WriteStartObject();
        PlanJson.WriteActionFields(w, action, time);
        w.WriteString("outcome", outcome);
        if (error is not null)
        {
            w.WriteString("error", error);
        }

        w.WriteEndObject();
    }
}
