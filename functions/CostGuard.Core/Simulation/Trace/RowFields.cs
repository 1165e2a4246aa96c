namespace CostGuard.Simulation.Trace;

/// <summary>The shared strings of one instance's previous trace row (see <see cref="RowFieldCache"/>).</summary>
internal sealed class RowFields
{
    private string? _account;
    private string? _region;
    private string? _type;
    private string? _tagsText;
    private IReadOnlyDictionary<string, string>? _tags;

    public RowFields(string instance) => Instance = instance;

    public string Instance { get; }

    public string Account(ReadOnlySpan<char> text, StringPool strings) => Same(ref _account, text, strings);

    public string Region(ReadOnlySpan<char> text, StringPool strings) => Same(ref _region, text, strings);

    public string Type(ReadOnlySpan<char> text, StringPool strings) => Same(ref _type, text, strings);

    /// <summary>The parsed tag set; text equal to the previous row's parsed before, so it cannot fail now.</summary>
    public IReadOnlyDictionary<string, string> Tags(ReadOnlySpan<char> text, TraceTagParser parser, long line, string column)
    {
        if (_tags is not null && text.SequenceEqual(_tagsText))
        {
            return _tags;
        }

        var tags = parser.Parse(text, line, column);
        _tagsText = text.ToString();
        _tags = tags;
        return tags;
    }

    private static string Same(ref string? previous, ReadOnlySpan<char> text, StringPool strings)
    {
        if (previous is not null && text.SequenceEqual(previous))
        {
            return previous;
        }

        previous = strings.Get(text);
        return previous;
    }
}
