using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CostGuard.Json;
using Json.Schema;

namespace CostGuard.Policies.Loading;

/// <summary>
/// Turns JSON Schema evaluation results into messages a policy author can act on: which fields are allowed
/// here, which values, which form. The library's own wording is the fallback for anything unusual.
/// </summary>
internal static class SchemaErrorTranslator
{
    public static IReadOnlyList<JsonIssue> Translate(EvaluationResults results, JsonNode? instance)
    {
        var found = new List<(string Keyword, JsonIssue Issue)>();
        if (results.IsValid || results.Details is null)
        {
            return [];
        }

        foreach (var detail in results.Details)
        {
            if (!detail.HasErrors || detail.Errors is null)
            {
                continue;
            }

            var pointer = detail.InstanceLocation.ToString();
            var schemaNode = ResolveSchema(detail.SchemaLocation);
            var atKey = detail.EvaluationPath.ToString().Contains("/propertyNames", StringComparison.Ordinal);
            var value = Resolve(instance, pointer);
            foreach (var (keyword, libraryMessage) in detail.Errors)
            {
                found.AddRange(Explain(keyword, libraryMessage, pointer, schemaNode, value, atKey).Select(issue => (keyword, issue)));
            }
        }

        // A value of the wrong type fails its other keywords too (enum, pattern...); the type error says it all.
        var wrongType = found.Where(f => f.Keyword == "type").Select(f => f.Issue.Pointer).ToHashSet(StringComparer.Ordinal);
        return found
            .Where(f => f.Keyword == "type" || !wrongType.Contains(f.Issue.Pointer))
            .Select(f => f.Issue)
            .ToList();
    }

    private static IEnumerable<JsonIssue> Explain(string keyword, string libraryMessage, string pointer, JsonObject? schema, JsonNode? value, bool atKey)
    {
        var hint = Hint(schema);
        switch (keyword)
        {
            case "":
            case "additionalProperties":
            case "unevaluatedProperties":
                yield return UnknownField(pointer);
                yield break;
            case "type":
                var scalar = value is JsonValue ? " " + Show(value) : string.Empty;
                yield return new JsonIssue(pointer, $"expected {TypeWords(schema?["type"])}{hint}, found {KindOf(value)}{scalar}");
                yield break;
            case "enum":
                yield return new JsonIssue(pointer, $"must be one of {List(schema?["enum"])}; found {Show(value)}");
                yield break;
            case "required":
                foreach (var missing in Missing(schema, value))
                {
                    var property = schema?["properties"]?[missing] as JsonObject;
                    var about = Describe(property);
                    yield return new JsonIssue(JsonPointers.Append(pointer, missing), $"missing required field \"{missing}\"{(about is null ? string.Empty : ": " + about)}");
                }

                yield break;
            case "minimum":
                yield return new JsonIssue(pointer, $"must be at least {schema?["minimum"]}{hint}; found {Show(value)}");
                yield break;
            case "maximum":
                yield return new JsonIssue(pointer, $"must be at most {schema?["maximum"]}{hint}; found {Show(value)}");
                yield break;
            case "exclusiveMinimum":
                yield return new JsonIssue(pointer, $"must be greater than {schema?["exclusiveMinimum"]}{hint}; found {Show(value)}");
                yield break;
            case "minLength":
                yield return new JsonIssue(pointer, $"must not be empty{hint}");
                yield break;
            case "uniqueItems":
                yield return new JsonIssue(pointer, $"each item may appear only once ({libraryMessage})");
                yield break;
            case "pattern":
                var subject = atKey ? $"key {Show(LastSegment(pointer))}" : Show(value);
                var form = Describe(schema) ?? "the expected form";
                yield return new JsonIssue(pointer, $"{subject} is not valid here: expected {LowerFirst(form)}", AtName: atKey);
                yield break;
            default:
                yield return new JsonIssue(pointer, libraryMessage + hint);
                yield break;
        }
    }

    private static JsonIssue UnknownField(string pointer)
    {
        var name = LastSegment(pointer);
        var parentPointer = JsonPointers.Parent(pointer);
        var allowed = AllowedFields(parentPointer);
        var suggestion = allowed.FirstOrDefault(a => Spelling.IsLikelyTypo(a, name));
        var message = $"unknown field \"{name}\"";
        if (suggestion is not null)
        {
            message += $" (did you mean \"{suggestion}\"?)";
        }

        if (allowed.Length > 0)
        {
            message += "; valid fields here: " + string.Join(", ", allowed);
        }

        return new JsonIssue(pointer, message, AtName: true);
    }

    /// <summary>The properties the schema allows for the object at an instance pointer, found by walking the schema.</summary>
    private static string[] AllowedFields(string instancePointer)
    {
        JsonObject? schema = PolicySchema.Document as JsonObject;
        foreach (var segment in JsonPointers.Split(instancePointer))
        {
            schema = Follow(schema);
            if (schema is null)
            {
                return [];
            }

            if (schema["properties"] is JsonObject props && props[segment] is JsonObject property)
            {
                schema = property;
            }
            else if (schema["items"] is JsonObject items)
            {
                schema = items;
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                schema = additional;
            }
            else
            {
                return [];
            }
        }

        schema = Follow(schema);
        return schema?["properties"] is JsonObject allowed ? allowed.Select(p => p.Key).ToArray() : [];
    }

    private static JsonObject? Follow(JsonObject? schema)
    {
        // Follows local $refs ("#/$defs/x"), which is all the policy schema uses.
        for (var hops = 0; hops < 8 && schema?["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith('#'); hops++)
        {
            schema = Resolve(PolicySchema.Document, target[1..]) as JsonObject;
        }

        return schema;
    }

    private static JsonObject? ResolveSchema(Uri location)
    {
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        return Resolve(PolicySchema.Document, fragment) as JsonObject;
    }

    private static JsonNode? Resolve(JsonNode? root, string pointer)
    {
        var current = root;
        foreach (var segment in JsonPointers.Split(pointer))
        {
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static IEnumerable<string> Missing(JsonObject? schema, JsonNode? value)
    {
        var present = value as JsonObject;
        return (schema?["required"] as JsonArray ?? [])
            .Select(n => n!.GetValue<string>())
            .Where(name => present is null || !present.ContainsKey(name));
    }

    private static string? Describe(JsonObject? schema)
    {
        if (schema is null)
        {
            return null;
        }

        return schema["description"]?.GetValue<string>() ?? Follow(schema)?["description"]?.GetValue<string>();
    }

    private static string Hint(JsonObject? schema)
    {
        var title = schema?["title"]?.GetValue<string>();
        return title is null ? string.Empty : $" ({title})";
    }

    private static string TypeWords(JsonNode? type) => type?.GetValue<string>() switch
    {
        "string" => "a string",
        "number" => "a number",
        "integer" => "a whole number",
        "boolean" => "true or false",
        "object" => "an object { ... }",
        "array" => "an array [ ... ]",
        var other => other ?? "another type",
    };

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "something else",
    };

    private static string List(JsonNode? values) =>
        values is JsonArray array ? string.Join(", ", array.Select(v => v?.ToJsonString() ?? "null")) : "the allowed values";

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static string Show(string text) => Show(JsonValue.Create(text));

    private static string LastSegment(string pointer) => JsonPointers.Split(pointer) is { Count: > 0 } segments ? segments[^1] : string.Empty;

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
