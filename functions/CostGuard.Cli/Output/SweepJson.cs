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
            w.WriteBoolean("acted", result.Acted);
            w.WriteStartArray("accounts");
            foreach (var read in result.Reads)
            {
                WriteAccount(w, read, plan.Accounts.FirstOrDefault(a => a.Cloud == read.Account.Cloud && a.Account == read.Account.Id));
            }

            w.WriteEndArray();
            var outcomes = new Dictionary<PlannedAction, ActionOutcome>(ReferenceEqualityComparer.Instance);
            foreach (var o in result.Outcomes)
            {
                outcomes[o.Action] = o;
            }

            w.WriteStartArray("actions");
            foreach (var action in plan.Actions)
            {
                var outcome = outcomes.GetValueOrDefault(action);
                WriteAction(w, action, time, outcome is null ? AuditOutcomes.Planned : AuditOutcomes.For(outcome.Status), outcome?.Error);
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
            DeliveryText.WriteJson(w, result.Delivery);
            w.WriteStartArray("problems");
            foreach (var problem in result.Reads.SelectMany(r => r.Problems.Select(p => $"{PlanWords.Cloud(r.Account.Cloud)} {r.Account.Id}: {p}")).Concat(result.Problems).Concat(DeliveryText.Problems(result.Delivery)))
            {
                w.WriteStringValue(problem);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteAccount(Utf8JsonWriter w, AccountReadResult read, AccountSummary? summary)
    {
        w.WriteStartObject();
        w.WriteString("cloud", PlanWords.Cloud(read.Account.Cloud));
        w.WriteString("account", read.Account.Id);
        w.WriteBoolean("complete", read.Complete);
        w.WriteNumber("gpuInstances", read.Snapshot?.Instances.Count ?? 0);
        w.WriteNumber("billingGpuInstances", summary?.BillingGpuInstances ?? read.Snapshot?.Instances.Count(i => i.IsBilling) ?? 0);
        w.WriteNumber("burnUsdPerHour", summary?.BurnUsdPerHour ?? 0m);
        w.WriteNumber("burnAfterPlanUsdPerHour", summary?.BurnAfterPlanUsdPerHour ?? 0m);
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
