namespace CostGuard.Simulation.Trace;

/// <summary>
/// Parses the <c>tags</c> column (<c>key=value;key=value</c>, possibly empty). A trace repeats each
/// instance's tag set on every row, so parsed sets are cached by their text and shared.
/// </summary>
internal sealed class TraceTagParser
{
    private const int MaxCached = 50_000;
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _cache = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Parse(ReadOnlySpan<char> text, long line, string column)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return NoTags;
        }

        var lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in text.Split(';'))
        {
            var pair = text[range].Trim();
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            if (equals < 0)
            {
                throw new TraceFormatException(line, column, $"tag '{pair}' has no '=' (write key=value pairs separated by ';')");
            }

            var key = pair[..equals].Trim().ToString();
            if (key.Length == 0)
            {
                throw new TraceFormatException(line, column, $"tag '{pair}' has an empty key");
            }

            if (!tags.TryAdd(key, pair[(equals + 1)..].Trim().ToString()))
            {
                throw new TraceFormatException(line, column, $"tag key '{key}' appears twice");
            }
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[text.ToString()] = tags;
        return tags;
    }
}
