using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CostGuard.Json;

/// <summary>
/// A parsed JSON input that remembers where every value sits, so problems found later (by the schema, by
/// semantic checks) can name a line and column. Comments and trailing commas are accepted, because policies
/// and snapshots are written and annotated by people.
/// </summary>
internal sealed class JsonSource
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, JsonSourcePosition> _values;
    private readonly Dictionary<string, JsonSourcePosition> _names;

    private JsonSource(JsonNode? root, Dictionary<string, JsonSourcePosition> values, Dictionary<string, JsonSourcePosition> names, IReadOnlyList<JsonIssue> issues)
    {
        Root = root;
        _values = values;
        _names = names;
        Issues = issues;
    }

    /// <summary>The document; null when the text is not JSON (then <see cref="Issues"/> says why).</summary>
    public JsonNode? Root { get; }

    /// <summary>Syntax errors (at most one) and duplicate properties.</summary>
    public IReadOnlyList<JsonIssue> Issues { get; }

    public static JsonSource Parse(string text)
    {
        // Editors on Windows may save a byte-order mark; it is not JSON.
        text = text.TrimStart('\uFEFF');
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new JsonLineIndex(bytes);
        var values = new Dictionary<string, JsonSourcePosition>(StringComparer.Ordinal);
        var names = new Dictionary<string, JsonSourcePosition>(StringComparer.Ordinal);
        var issues = new List<JsonIssue>();
        try
        {
            Walk(bytes, lines, values, names, issues);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var position = lines.FromLineAndByte(line, (int)(ex.BytePositionInLine ?? 0));
            issues.Add(new JsonIssue(string.Empty, "invalid JSON: " + TrimReaderPosition(ex.Message)) { Position = position });
            return new JsonSource(null, values, names, issues);
        }

        JsonNode? root;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = true,
            });
            root = ToNode(document.RootElement, string.Empty, issues);
        }
        catch (JsonException ex)
        {
            // The walk above accepted the text, so this is unexpected; still report it rather than crash.
            issues.Add(new JsonIssue(string.Empty, "invalid JSON: " + TrimReaderPosition(ex.Message)) { Position = new JsonSourcePosition(1, 1) });
            return new JsonSource(null, values, names, issues);
        }

        return new JsonSource(root, values, names, issues);
    }

    /// <summary>
    /// Builds the node tree by hand because JsonNode rejects duplicate keys when first enumerated; duplicates are
    /// already reported, so the later value is kept and validation of the rest goes on.
    /// </summary>
    private static JsonNode? ToNode(JsonElement element, string pointer, List<JsonIssue> issues)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value, JsonPointers.Append(pointer, property.Name), issues);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item, JsonPointers.Append(pointer, index++), issues));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when !element.TryGetDecimal(out _):
                // Every number CostGuard reads is money, a percentage or a count; one beyond decimal range is a
                // mistake, and validators downstream would overflow on it. Report it and validate the rest.
                issues.Add(new JsonIssue(pointer, $"the number {Shorten(element.GetRawText())} is out of range: amounts, percentages and counts must be below 7.9e28"));
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    /// <summary>Where the value at <paramref name="pointer"/> starts; for a value that is absent, its nearest present ancestor.</summary>
    public JsonSourcePosition PositionOf(string pointer, bool atName = false)
    {
        if (atName && _names.TryGetValue(pointer, out var name))
        {
            return name;
        }

        for (var current = pointer; ; current = JsonPointers.Parent(current))
        {
            if (_values.TryGetValue(current, out var position))
            {
                return position;
            }

            if (current.Length == 0)
            {
                return new JsonSourcePosition(1, 1);
            }
        }
    }

    private static void Walk(byte[] bytes, JsonLineIndex lines, Dictionary<string, JsonSourcePosition> values, Dictionary<string, JsonSourcePosition> names, List<JsonIssue> issues)
    {
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        var stack = new Stack<Frame>();
        string? pendingPointer = string.Empty;
        while (reader.Read())
        {
            var at = lines.FromOffset((int)reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var frame = stack.Peek();
                    var name = reader.GetString()!;
                    pendingPointer = JsonPointers.Append(frame.Pointer, name);
                    if (!frame.Names!.Add(name))
                    {
                        issues.Add(new JsonIssue(pendingPointer, $"duplicate property \"{name}\": each property may appear only once", AtName: true) { Position = at });
                    }
                    else
                    {
                        names[pendingPointer] = at;
                    }

                    continue;
                }

                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
            }

            // A value: either a property's value (pointer already set) or an array element.
            var pointer = pendingPointer ?? NextElement(stack.Peek());
            pendingPointer = null;
            values[pointer] = at; // a duplicate property keeps the later value, so point at that one
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                stack.Push(new Frame(pointer, new HashSet<string>(StringComparer.Ordinal)));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                stack.Push(new Frame(pointer, null));
            }
        }
    }

    private static string NextElement(Frame frame)
    {
        var pointer = JsonPointers.Append(frame.Pointer, frame.NextIndex);
        frame.NextIndex++;
        return pointer;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..37] + "..." : text;

    private static string TrimReaderPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).Trim();
    }

    private sealed class Frame(string pointer, HashSet<string>? names)
    {
        public string Pointer { get; } = pointer;

        /// <summary>Property names seen so far (objects only).</summary>
        public HashSet<string>? Names { get; } = names;

        public int NextIndex { get; set; }
    }
}
