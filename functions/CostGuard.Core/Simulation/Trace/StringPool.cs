namespace CostGuard.Simulation.Trace;

/// <summary>
/// Shares one string instance per distinct value, looked up by span so a repeated field costs no allocation:
/// a month of samples names the same thousand instances millions of times.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 200_000;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> value)
    {
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var existing))
        {
            return existing;
        }

        // Unbounded growth would defeat streaming on a trace of unique values; start over instead.
        if (_strings.Count >= MaxEntries)
        {
            _strings.Clear();
        }

        var created = value.ToString();
        _strings.Add(created);
        return created;
    }
}
