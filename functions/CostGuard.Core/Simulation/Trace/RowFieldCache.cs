namespace CostGuard.Simulation.Trace;

/// <summary>
/// Remembers, per instance id, the strings and tag set of that instance's previous row. A trace repeats
/// them on every row, so comparing a field with the previous value (a short memory compare) replaces a hash
/// lookup per field; only a changed field goes to the string pool or the tag parser.
/// </summary>
internal sealed class RowFieldCache
{
    // Bounded like the string pool: a trace of ever-new instance ids must still stream in constant memory.
    private const int MaxEntries = 200_000;
    private readonly Dictionary<string, RowFields> _byInstance = new(StringComparer.Ordinal);

    /// <summary>The remembered fields of the instance whose id is <paramref name="instance"/>.</summary>
    public RowFields For(ReadOnlySpan<char> instance, StringPool strings)
    {
        var lookup = _byInstance.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(instance, out var known))
        {
            return known;
        }

        if (_byInstance.Count >= MaxEntries)
        {
            _byInstance.Clear();
        }

        var fields = new RowFields(strings.Get(instance));
        _byInstance.Add(fields.Instance, fields);
        return fields;
    }
}
