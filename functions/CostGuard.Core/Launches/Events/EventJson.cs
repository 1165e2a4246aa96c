using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CostGuard.Launches.Events;

/// <summary>Bounded, exception-safe JSON reading for event payloads: every failure becomes an <see cref="EventFormatException"/>.</summary>
public static class EventJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = EventLimits.MaxDepth };

    /// <summary>Parses <paramref name="body"/>, refusing bodies over <see cref="EventLimits.MaxBodyBytes"/> and malformed JSON.</summary>
    public static JsonDocument Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > EventLimits.MaxBodyBytes || Encoding.UTF8.GetByteCount(body) > EventLimits.MaxBodyBytes)
        {
            throw new EventFormatException("body", $"larger than {EventLimits.MaxBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes (EventBridge's own event limit)");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            throw new EventFormatException("body", "empty: expected a JSON event");
        }

        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}, byte {(ex.BytePositionInLine ?? 0).ToString(CultureInfo.InvariantCulture)}"
                : string.Empty;
            throw new EventFormatException("body", $"not valid JSON{where}");
        }
    }

    /// <summary>The envelope of a parsed payload, from the fields only that envelope has.</summary>
    public static EventPayloadKind Detect(JsonElement root)
    {
        var first = root;
        if (root.ValueKind == JsonValueKind.Array)
        {
            if (root.GetArrayLength() == 0)
            {
                return EventPayloadKind.Unknown;
            }

            first = root[0];
        }

        if (first.ValueKind != JsonValueKind.Object)
        {
            return EventPayloadKind.Unknown;
        }

        if (root.ValueKind == JsonValueKind.Object && (first.TryGetProperty("detail-type", out _) || first.TryGetProperty("detail", out _)))
        {
            return EventPayloadKind.EventBridge;
        }

        if (first.TryGetProperty("specversion", out _))
        {
            return EventPayloadKind.CloudEvents;
        }

        return first.TryGetProperty("eventType", out _) ? EventPayloadKind.EventGrid : EventPayloadKind.Unknown;
    }

    /// <summary>A required string property; <paramref name="field"/> names it in the error.</summary>
    public static string RequiredString(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new EventFormatException(field, "missing");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new EventFormatException(field, $"expected a string, found {Kind(value)}");
        }

        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new EventFormatException(field, "empty");
        }

        return text;
    }

    /// <summary>An optional string property; null when absent, an error when present with another type.</summary>
    public static string? OptionalString(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new EventFormatException(field, $"expected a string, found {Kind(value)}");
    }

    /// <summary>An optional ISO-8601 time; an unreadable one is an error naming the field.</summary>
    public static DateTimeOffset? OptionalTime(JsonElement parent, string name, string field)
    {
        var text = OptionalString(parent, name, field);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new EventFormatException(field, "not an ISO-8601 time");
    }

    /// <summary>Text safe to echo in an error: short and printable, since event values are attacker-controlled.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value.Length > 64 ? value[..64] : value)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.Append(value.Length > 64 ? "...\"" : "\"").ToString();
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "another type",
    };
}
