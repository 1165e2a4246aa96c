using System.Text.Json;
using CostGuard.Simulation;
using CostGuard.Time;

namespace CostGuard.Cli.Output.Reports;

/// <summary>Writes the <c>simulate --json</c> contract: exactly one document, times ISO-8601 UTC with Z, money in cents.</summary>
internal static class SimulationJsonWriter
{
    public static async Task WriteAsync(SimulationResult result, Stream output, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            Write(result, writer);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static string ToJson(SimulationResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(result, writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(SimulationResult result, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("policy", result.PolicyName);
        w.WriteString("mode", ContractNames.Of(result.Mode));

        w.WriteStartObject("trace");
        w.WriteString("start", IsoTime.Format(result.TraceStart));
        w.WriteString("end", IsoTime.Format(result.TraceEnd));
        w.WriteNumber("instances", result.Instances);
        w.WriteNumber("rows", result.Rows);
        w.WriteEndObject();

        // Saved is the difference of the rounded figures, so the three numbers always add up.
        var without = ContractNames.Cents(result.SpendWithoutUsd);
        var with = ContractNames.Cents(result.SpendWithUsd);
        w.WriteStartObject("spend");
        w.WriteNumber("withoutGuardUsd", without);
        w.WriteNumber("withGuardUsd", with);
        w.WriteNumber("savedUsd", without - with);
        w.WriteEndObject();

        w.WriteStartArray("actions");
        foreach (var a in result.Actions)
        {
            w.WriteStartObject();
            w.WriteString("time", IsoTime.Format(a.Time));
            w.WriteString("cloud", ContractNames.Cloud(a.Cloud));
            w.WriteString("account", a.Account);
            w.WriteString("region", a.Region);
            w.WriteString("instance", a.Instance);
            w.WriteString("action", ContractNames.Of(a.Action));
            w.WriteString("reason", ContractNames.Of(a.Reason));
            w.WriteString("detail", a.Detail);
            if (a.IsDisruptive)
            {
                WriteTimeOrNull(w, "nextActiveAt", a.NextActiveAt);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("alerts");
        foreach (var alert in result.Alerts)
        {
            w.WriteStartObject();
            w.WriteString("time", IsoTime.Format(alert.Time));
            w.WriteString("kind", ContractNames.Of(alert.Kind));
            w.WriteString("account", alert.Account);
            w.WriteString("message", alert.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("disruptions");
        foreach (var d in result.Disruptions)
        {
            w.WriteStartObject();
            w.WriteString("instance", d.Instance);
            w.WriteString("stoppedAt", IsoTime.Format(d.StoppedAt));
            w.WriteString("nextActiveAt", IsoTime.Format(d.NextActiveAt));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTimeOrNull(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, IsoTime.Format(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
