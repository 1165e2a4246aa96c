using System.Diagnostics.Metrics;

namespace CostGuard.Launches;

/// <summary>The launch path's counter on the <c>CostGuard</c> meter: <c>costguard.events</c> by source, decision and reason.</summary>
public sealed class LaunchMetrics : IDisposable
{
    public const string EventsName = "costguard.events";

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _events;

    public LaunchMetrics(IMeterFactory meterFactory)
        : this(meterFactory.Create(Telemetry.CostGuardMetrics.MeterName), owned: false)
    {
    }

    public LaunchMetrics()
        : this(new Meter(Telemetry.CostGuardMetrics.MeterName), owned: true)
    {
    }

    private LaunchMetrics(Meter meter, bool owned)
    {
        _ownedMeter = owned ? meter : null;
        _events = meter.CreateCounter<long>(EventsName, "{event}", "Launch events by source (aws/azure), decision (stopped, marked, allowed, ignored, rejected, queued) and reason.");
    }

    public void Event(string source, string decision, string reason) =>
        _events.Add(
            1,
            new KeyValuePair<string, object?>("source", source),
            new KeyValuePair<string, object?>("decision", decision),
            new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _ownedMeter?.Dispose();
}
