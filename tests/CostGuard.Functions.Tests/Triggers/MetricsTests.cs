using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CostGuard.Aws.Testing;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;
using CostGuard.Telemetry;

namespace CostGuard.Functions.Triggers;

/// <summary>The CostGuard meter: sweep results (the heartbeat) and cloud API requests, as OpenTelemetry exports them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MetricsTests(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public async Task AccountSweeps_OneAccountDown_CountSweepsByResultAndApiRequestsByOperation()
    {
        var measured = new ConcurrentBag<(string Instrument, long Value, Dictionary<string, string> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CostGuardMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString() ?? string.Empty))));
        listener.Start();
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        Aws.Script(r => r.Operation == "DescribeInstances" && r.AccessKey == "ASIA" + FleetFixture.C, FakeAwsCloud.Ec2Error(500, "InternalError", "An internal error has occurred."), times: 1000);

        await TickAsync();
        foreach (var message in await App.DrainQueueAsync())
        {
            await SweepAsync(message);
        }

        var sweeps = measured.Where(m => m.Instrument == CostGuardMetrics.SweepsName && m.Tags["policy"] == "fleet-fixture").ToList();
        Assert.Equal(
            [$"aws {FleetFixture.A} succeeded", $"aws {FleetFixture.B} succeeded", $"aws {FleetFixture.C} failed"],
            sweeps.Select(m => $"{m.Tags["cloud"]} {m.Tags["account"]} {m.Tags["result"]}").Order());
        var describe = measured.Where(m => m.Instrument == CostGuardMetrics.ApiRequestsName && m.Tags["service"] == "ec2" && m.Tags["operation"] == "DescribeInstances").Sum(m => m.Value);
        Assert.Equal(Aws.Count("DescribeInstances"), describe);
    }
}
