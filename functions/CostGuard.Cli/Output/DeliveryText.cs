using System.Text.Json;
using CostGuard.Ports;

namespace CostGuard.Cli.Output;

/// <summary>
/// How a sweep's alert deliveries are reported: each failed one names its channel, route and HTTP status (never the
/// webhook URL: the notifier's errors are already redacted), on stderr and in <c>--json</c>.
/// </summary>
internal static class DeliveryText
{
    /// <summary>One problem line per failed delivery, e.g. "alert delivery to slack route default failed (HTTP 403): ...".</summary>
    public static IEnumerable<string> Problems(DeliveryReport? report) =>
        (report?.Results ?? []).Where(r => !r.Succeeded).Select(r =>
            $"alert delivery to {r.Channel} route {r.Route} failed{(r.Status is { } status ? $" (HTTP {status})" : string.Empty)}: {r.Error ?? "unknown error"}");

    /// <summary>The human lines: one per destination.</summary>
    public static IEnumerable<string> Lines(DeliveryReport? report) =>
        (report?.Results ?? []).Select(r => r.Succeeded
            ? $"alert delivery {r.Channel}/{r.Route}: ok ({r.Messages} message(s)){(r.Error is null ? string.Empty : $" ({r.Error})")}"
            : $"alert delivery {r.Channel}/{r.Route}: FAILED{(r.Status is { } status ? $" (HTTP {status})" : string.Empty)}: {r.Error ?? "unknown error"}");

    /// <summary>The <c>deliveries</c> array of <c>enforce --json</c>; empty when nothing was handed to a notifier.</summary>
    public static void WriteJson(Utf8JsonWriter w, DeliveryReport? report)
    {
        w.WriteStartArray("deliveries");
        foreach (var r in report?.Results ?? [])
        {
            w.WriteStartObject();
            w.WriteString("channel", r.Channel);
            w.WriteString("route", r.Route);
            w.WriteBoolean("succeeded", r.Succeeded);
            w.WriteNumber("messages", r.Messages);
            if (r.Status is { } status)
            {
                w.WriteNumber("status", status);
            }
            else
            {
                w.WriteNull("status");
            }

            if (r.Error is not null)
            {
                w.WriteString("error", r.Error);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
