using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CostGuard.Json;

/// <summary>Renders a JSON pointer as the path people read in errors: <c>$.accounts[0].id</c>, <c>$.spendCap.perAccount['111122223333']</c>.</summary>
internal static partial class JsonPathText
{
    public static string Format(JsonNode? root, string pointer)
    {
        var text = new System.Text.StringBuilder("$");
        JsonNode? current = root;
        foreach (var segment in JsonPointers.Split(pointer))
        {
            if (current is JsonArray array && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                text.Append('[').Append(index).Append(']');
                current = index < array.Count ? array[index] : null;
                continue;
            }

            var name = UrlRedactor.ContainsUrl(segment) ? UrlRedactor.Placeholder : segment;
            if (Identifier().IsMatch(name))
            {
                text.Append('.').Append(name);
            }
            else
            {
                text.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }

            current = current is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*\z")]
    private static partial Regex Identifier();
}
