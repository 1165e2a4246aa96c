namespace CostGuard.Aws.Testing;

/// <summary>Parses an x-www-form-urlencoded body.</summary>
public static class Form
{
    public static Dictionary<string, string> Parse(string body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            values[Decode(parts[0])] = parts.Length > 1 ? Decode(parts[1]) : string.Empty;
        }

        return values;
    }

    /// <summary>Values of <c>{prefix}.1</c>, <c>{prefix}.2</c>... in order.</summary>
    public static List<string> List(Dictionary<string, string> form, string prefix)
    {
        var list = new List<string>();
        for (var i = 1; form.TryGetValue($"{prefix}.{i}", out var value); i++)
        {
            list.Add(value);
        }

        return list;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
