using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CostGuard.Time;

namespace CostGuard.Json;

/// <summary>
/// Reads typed fields out of a JSON document by hand, collecting an issue (with pointer) for every field that
/// is missing, of the wrong type or out of range, and never stopping at the first one. Used by the input
/// formats that have no published schema (fleet snapshots).
/// </summary>
internal sealed class JsonFieldReader
{
    public List<JsonIssue> Issues { get; } = [];

    public void Add(string pointer, string message, bool atName = false) => Issues.Add(new JsonIssue(pointer, message, atName));

    public JsonObject? Object(JsonNode? node, string pointer, string what)
    {
        if (node is JsonObject obj)
        {
            return obj;
        }

        Add(pointer, $"expected {what} (an object {{ ... }}), found {Kind(node)}");
        return null;
    }

    /// <summary>Reports every field not in <paramref name="allowed"/>, so typos do not silently drop data.</summary>
    public void RejectUnknown(JsonObject obj, string pointer, params string[] allowed)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Add(JsonPointers.Append(pointer, name), $"unknown field \"{name}\"; valid fields here: {string.Join(", ", allowed)}", atName: true);
            }
        }
    }

    public JsonArray? Array(JsonObject obj, string pointer, string name, bool required)
    {
        var node = Field(obj, pointer, name, required, "an array [ ... ]", out var at);
        if (node is null)
        {
            return null;
        }

        if (node is JsonArray array)
        {
            return array;
        }

        Add(at, $"expected an array [ ... ], found {Kind(node)}");
        return null;
    }

    public string? String(JsonObject obj, string pointer, string name, bool required)
    {
        var node = Field(obj, pointer, name, required, "a non-empty string", out var at);
        if (node is null)
        {
            return null;
        }

        if (JsonRead.String(node) is { Length: > 0 } text)
        {
            return text;
        }

        Add(at, $"expected a non-empty string, found {Kind(node)}");
        return null;
    }

    public decimal? Decimal(JsonObject obj, string pointer, string name, bool required, decimal minimum = 0m)
    {
        var node = Field(obj, pointer, name, required, "a number", out var at);
        return node is null ? null : Decimal(node, at, minimum);
    }

    public decimal? Decimal(JsonNode node, string at, decimal minimum = 0m)
    {
        if (JsonRead.Number(node) is not { } value)
        {
            Add(at, $"expected a number, found {Kind(node)}");
            return null;
        }

        if (value < minimum)
        {
            Add(at, $"must be at least {minimum.ToString(CultureInfo.InvariantCulture)}; found {value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    public int? Integer(JsonObject obj, string pointer, string name, bool required, int minimum = 0)
    {
        var node = Field(obj, pointer, name, required, "a whole number", out var at);
        if (node is null)
        {
            return null;
        }

        if (JsonRead.Number(node) is not { } value || value != decimal.Truncate(value) || value > int.MaxValue)
        {
            Add(at, $"expected a whole number, found {Kind(node)}");
            return null;
        }

        if (value < minimum)
        {
            Add(at, $"must be at least {minimum}; found {value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return (int)value;
    }

    public bool? Boolean(JsonObject obj, string pointer, string name, bool required)
    {
        var node = Field(obj, pointer, name, required, "true or false", out var at);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>();
        }

        Add(at, $"expected true or false, found {Kind(node)}");
        return null;
    }

    /// <summary>A percentage 0..100, where an explicit <c>null</c> (or absence) means "no datapoint".</summary>
    public double? OptionalPercent(JsonObject obj, string pointer, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        var at = JsonPointers.Append(pointer, name);
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<double>(out var percent))
        {
            Add(at, $"expected a percentage from 0 to 100, or null for no datapoint; found {Kind(node)}");
            return null;
        }

        if (percent is < 0 or > 100)
        {
            Add(at, $"expected a percentage from 0 to 100, or null for no datapoint; found {percent.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return percent;
    }

    /// <summary>An ISO-8601 time that must carry its zone (Z or an offset): a time without one is ambiguous.</summary>
    public DateTimeOffset? ZonedTime(JsonObject obj, string pointer, string name, bool required)
    {
        var text = String(obj, pointer, name, required);
        if (text is null)
        {
            return null;
        }

        if (IsoTime.TryParseZoned(text, out var time))
        {
            return time;
        }

        Add(JsonPointers.Append(pointer, name), $"\"{text}\" is not an ISO-8601 time with a zone: write e.g. \"2026-11-26T12:00:00Z\" or \"2026-11-26T13:00:00+01:00\"");
        return null;
    }

    public DateOnly? Day(JsonObject obj, string pointer, string name, bool required)
    {
        var text = String(obj, pointer, name, required);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Add(JsonPointers.Append(pointer, name), $"\"{text}\" is not a UTC day: write e.g. \"2026-11-25\"");
        return null;
    }

    public T? Choice<T>(JsonObject obj, string pointer, string name, bool required, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = String(obj, pointer, name, required);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Add(JsonPointers.Append(pointer, name), $"must be one of {string.Join(", ", choices.Keys.Select(k => $"\"{k}\""))}; found \"{text}\"");
        return null;
    }

    public Dictionary<string, string> StringMap(JsonObject obj, string pointer, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = Field(obj, pointer, name, required: false, "an object", out var at);
        if (node is null)
        {
            return map;
        }

        if (node is not JsonObject entries)
        {
            Add(at, $"expected an object of \"key\": \"value\" strings, found {Kind(node)}");
            return map;
        }

        foreach (var (key, value) in entries)
        {
            if (JsonRead.String(value) is { } text)
            {
                map[key] = text;
            }
            else
            {
                Add(JsonPointers.Append(at, key), $"expected a string value, found {Kind(value)}");
            }
        }

        return map;
    }

    public Dictionary<string, decimal> DecimalMap(JsonObject obj, string pointer, string name)
    {
        var map = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var node = Field(obj, pointer, name, required: false, "an object", out var at);
        if (node is null)
        {
            return map;
        }

        if (node is not JsonObject entries)
        {
            Add(at, $"expected an object of \"key\": amount, found {Kind(node)}");
            return map;
        }

        foreach (var (key, value) in entries)
        {
            if (value is not null && Decimal(value, JsonPointers.Append(at, key)) is { } amount)
            {
                map[key] = amount;
            }
            else if (value is null)
            {
                Add(JsonPointers.Append(at, key), "expected a number, found null");
            }
        }

        return map;
    }

    public static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "something else",
    };

    private JsonNode? Field(JsonObject obj, string pointer, string name, bool required, string expected, out string at)
    {
        at = JsonPointers.Append(pointer, name);
        if (obj.TryGetPropertyValue(name, out var node) && node is not null)
        {
            return node;
        }

        if (required)
        {
            Add(at, obj.ContainsKey(name) ? $"expected {expected}, found null" : $"missing required field \"{name}\" ({expected})");
        }

        return null;
    }
}
