namespace CostGuard.Azure.Monitoring;

/// <summary>Datapoints per VM (lower-cased resource id) per bin start; a null value means the bin had no datapoint.</summary>
internal sealed class MetricSeries
{
    private readonly Dictionary<string, Dictionary<DateTimeOffset, double>> _values = new(StringComparer.OrdinalIgnoreCase);

    public int ResourceCount => _values.Count;

    public void Set(string resourceId, DateTimeOffset bin, double value)
    {
        if (!_values.TryGetValue(resourceId, out var bins))
        {
            bins = [];
            _values[resourceId] = bins;
        }

        // Several rows for one bin (several GPUs): keep the largest, so any busy GPU makes the VM busy.
        bins[bin] = bins.TryGetValue(bin, out var existing) ? Math.Max(existing, value) : value;
    }

    public bool Has(string resourceId) => _values.ContainsKey(resourceId);

    public double? Get(string resourceId, DateTimeOffset bin) =>
        _values.TryGetValue(resourceId, out var bins) && bins.TryGetValue(bin, out var value) ? value : null;

    public void AddAll(MetricSeries other)
    {
        foreach (var (id, bins) in other._values)
        {
            foreach (var (bin, value) in bins)
            {
                Set(id, bin, value);
            }
        }
    }
}
