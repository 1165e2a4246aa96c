using System.Diagnostics.Metrics;

namespace CostGuard.Telemetry;

/// <summary>
/// The <c>CostGuard</c> meter: cloud API requests (Cost Explorer costs money, Cost Management has a quota) and account
/// sweep results (the heartbeat the Azure Monitor alert watches). Exported by OpenTelemetry in the Functions app.
/// </summary>
public sealed class CostGuardMetrics : IDisposable
{
    public const string MeterName = "CostGuard";
    public const string ApiRequestsName = "costguard.api.requests";
    public const string SweepsName = "costguard.sweeps";

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _apiRequests;
    private readonly Counter<long> _sweeps;

    /// <summary>A meter from the host's factory (DI), so each container's instruments are its own.</summary>
    public CostGuardMetrics(IMeterFactory meterFactory)
        : this(meterFactory.Create(MeterName), owned: false)
    {
    }

    /// <summary>A meter of its own (tests, tools without a host).</summary>
    public CostGuardMetrics()
        : this(new Meter(MeterName), owned: true)
    {
    }

    private CostGuardMetrics(Meter meter, bool owned)
    {
        _ownedMeter = owned ? meter : null;
        _apiRequests = meter.CreateCounter<long>(ApiRequestsName, "{request}", "Cloud API requests by service and operation.");
        _sweeps = meter.CreateCounter<long>(SweepsName, "{sweep}", "Account sweeps by policy, cloud, account and result (succeeded/failed).");
    }

    public void ApiRequest(string service, string operation) =>
        _apiRequests.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("operation", operation));

    public void Sweep(string policy, string cloud, string account, bool succeeded) =>
        _sweeps.Add(
            1,
            new KeyValuePair<string, object?>("policy", policy),
            new KeyValuePair<string, object?>("cloud", cloud),
            new KeyValuePair<string, object?>("account", account),
            new KeyValuePair<string, object?>("result", succeeded ? "succeeded" : "failed"));

    public void Dispose() => _ownedMeter?.Dispose();
}
