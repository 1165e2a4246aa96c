using CostGuard.Engine;
using System.Text;
using System.Text.Json;
using CostGuard.Launches;
using CostGuard.Sweeps;
using CostGuard.Time;

namespace CostGuard.Cli.Output;

/// <summary>
/// <c>costguard event --json</c>: <c>{ "event": {...}, "decision", "reason", "burnBeforeUsdPerHour", "burnAfterUsdPerHour", ... }</c>;
/// an array when one payload carried several events.
/// </summary>
internal static class LaunchJson
{
    public static string Render(IReadOnlyList<LaunchResult> results)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            if (results.Count == 1)
            {
                Write(writer, results[0]);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var result in results)
                {
                    Write(writer, result);
                }

                writer.WriteEndArray();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, LaunchResult result)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("event");
        if (result.Event is { } launch)
        {
            writer.WriteString("cloud", PlanWords.Cloud(launch.Cloud));
            writer.WriteString("account", launch.Account);
            writer.WriteString("region", launch.Region);
            writer.WriteString("instanceId", launch.InstanceId);
            WriteNullable(writer, "state", launch.State);
            WriteNullable(writer, "time", launch.Time is { } t ? IsoTime.Format(t) : null);
            WriteNullable(writer, "id", launch.EventId);
            writer.WriteString("source", launch.Source);
        }

        writer.WriteString("type", result.EventType);
        writer.WriteEndObject();
        writer.WriteString("decision", PlanWords.Of(result.Decision));
        writer.WriteString("reason", result.Reason);
        writer.WriteString("detail", result.Detail);
        WriteMoney(writer, "burnBeforeUsdPerHour", result.BurnBeforeUsdPerHour);
        WriteMoney(writer, "burnAfterUsdPerHour", result.BurnAfterUsdPerHour);
        if (result.Instance is { } instance)
        {
            writer.WriteStartObject("instance");
            writer.WriteString("id", instance.Id);
            writer.WriteString("type", instance.Type);
            writer.WriteString("state", PlanWords.Of(instance.State));
            writer.WriteNumber("usdPerHour", instance.UsdPerHour);
            writer.WriteString("launchTime", IsoTime.Format(instance.LaunchTime));
            writer.WriteEndObject();
        }

        writer.WriteStartArray("actions");
        foreach (var outcome in result.Outcomes)
        {
            writer.WriteStartObject();
            writer.WriteString("instanceId", outcome.Action.Instance.Id);
            writer.WriteString("action", PlanWords.Action(outcome.Action.Action));
            writer.WriteString("reason", PlanWords.Reason(outcome.Action.Reason));
            writer.WriteString("status", AuditOutcomes.For(outcome.Status));
            WriteNullable(writer, "error", outcome.Error);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("dryRun", result.DryRun);
        writer.WriteBoolean("ledgerRebuilt", result.RebuiltLedger);
        writer.WriteNumber("ledgerConflictRetries", result.LedgerConflictRetries);
        writer.WriteEndObject();
    }

    private static void WriteMoney(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
