using System.Collections.Concurrent;
using CostGuard.Telemetry;

namespace CostGuard.Ports;

/// <summary>
/// Counts cloud API requests per service and operation (Cost Explorer costs money; operators watch throttling).
/// Every request goes to the <c>costguard.api.requests</c> counter of the <c>CostGuard</c> meter; the per-run tally
/// kept here only feeds the request summary a CLI run prints at its end.
/// </summary>
public sealed class ApiRequestCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly CostGuardMetrics? _metrics;

    public ApiRequestCounter()
    {
    }

    public ApiRequestCounter(CostGuardMetrics metrics) => _metrics = metrics;

    /// <summary>Counts one request, e.g. <c>("ec2", "DescribeInstances")</c>.</summary>
    public void Count(string service, string operation)
    {
        _metrics?.ApiRequest(service, operation);
        _counts.AddOrUpdate($"{service}:{operation}", 1, (_, n) => n + 1);
    }

    public int Get(string service, string operation) => _counts.TryGetValue($"{service}:{operation}", out var n) ? n : 0;

    /// <summary>Snapshot of all counts, keyed <c>service:operation</c>, sorted.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() =>
        new SortedDictionary<string, int>(_counts.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
}
