using CsCheck;
using CostGuard.Launches;
using CostGuard.Launches.Events;
using CostGuard.Policies;

namespace CostGuard.Azure.Launches;

public sealed class EventGridLaunchParserTests
{
    private const string Sub = "00000000-0000-0000-0000-00000000000a";
    private const string VmId = "/subscriptions/" + Sub + "/resourceGroups/rg-ml/providers/Microsoft.Compute/virtualMachines/gpu-1";
    private static readonly LaunchEventReader Reader = new([new EventBridgeParser(), new EventGridLaunchParser()]);

    public static string EventGrid(string resourceUri = VmId, string operation = "Microsoft.Compute/virtualMachines/write", string type = "Microsoft.Resources.ResourceWriteSuccess") => $$"""
        [{
          "id": "831e1650-001e-001b-66ab-eeb76e069631",
          "topic": "/subscriptions/{{Sub}}",
          "subject": "{{resourceUri}}",
          "eventType": "{{type}}",
          "eventTime": "2026-11-16T12:01:00Z",
          "dataVersion": "2",
          "metadataVersion": "1",
          "data": {
            "operationName": "{{operation}}",
            "resourceProvider": "Microsoft.Compute",
            "resourceUri": "{{resourceUri}}",
            "status": "Succeeded",
            "subscriptionId": "{{Sub}}",
            "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47"
          }
        }]
        """;

    private static string CloudEvent() => $$"""
        {
          "specversion": "1.0",
          "id": "831e1650-001e-001b-66ab-eeb76e069632",
          "source": "/subscriptions/{{Sub}}",
          "subject": "{{VmId}}",
          "type": "Microsoft.Resources.ResourceWriteSuccess",
          "time": "2026-11-16T12:01:00Z",
          "data": { "operationName": "Microsoft.Compute/virtualMachines/write", "resourceUri": "{{VmId}}", "status": "Succeeded", "subscriptionId": "{{Sub}}" }
        }
        """;

    [Fact]
    public void Read_EventGridVmWrite_IsAPossibleLaunch()
    {
        var launch = Assert.Single(Reader.Read(EventGrid())).Launch;

        Assert.NotNull(launch);
        Assert.Equal((CloudKind.Azure, Sub, VmId), (launch.Cloud, launch.Account, launch.InstanceId));
        Assert.Equal("831e1650-001e-001b-66ab-eeb76e069631", launch.EventId);
    }

    [Fact]
    public void Read_CloudEventsVmWrite_IsAPossibleLaunch()
    {
        var launch = Assert.Single(Reader.Read(CloudEvent())).Launch;

        Assert.NotNull(launch);
        Assert.Equal(VmId, launch.InstanceId);
    }

    [Fact]
    public void Read_ExtensionWrite_IgnoredAsNotTheVm()
    {
        var parsed = Assert.Single(Reader.Read(EventGrid(VmId + "/extensions/NvidiaGpuDriverLinux", "Microsoft.Compute/virtualMachines/extensions/write")));

        Assert.Null(parsed.Launch);
        Assert.Equal(LaunchReasons.UnhandledEvent, parsed.IgnoredReason);
    }

    [Fact]
    public void Read_OtherEventType_Ignored()
    {
        var parsed = Assert.Single(Reader.Read(EventGrid(type: "Microsoft.Resources.ResourceDeleteSuccess")));

        Assert.Null(parsed.Launch);
        Assert.Equal(LaunchReasons.UnhandledEvent, parsed.IgnoredReason);
    }

    [Fact]
    public void Read_MissingResourceUri_ThrowsNamingTheField()
    {
        var body = EventGrid().Replace("\"resourceUri\": \"" + VmId + "\",", string.Empty, StringComparison.Ordinal);

        Assert.Equal("data.resourceUri", Assert.Throws<EventFormatException>(() => Reader.Read(body)).Field);
    }

    [Fact]
    public void Read_SubscriptionNotTheResources_ThrowsNamingTheField()
    {
        var body = EventGrid().Replace("\"subscriptionId\": \"" + Sub + "\"", "\"subscriptionId\": \"00000000-0000-0000-0000-0000000000ff\"", StringComparison.Ordinal);

        Assert.Equal("data.subscriptionId", Assert.Throws<EventFormatException>(() => Reader.Read(body)).Field);
    }

    [Fact]
    public void Read_EnvelopeMissingId_ThrowsBodyError()
    {
        var body = EventGrid().Replace("\"id\": \"831e1650-001e-001b-66ab-eeb76e069631\",", string.Empty, StringComparison.Ordinal);

        Assert.Equal("body", Assert.Throws<EventFormatException>(() => Reader.Read(body)).Field);
    }

    [Fact]
    public void Read_MutatedEventGridAndCloudEvents_ThrowOnlyEventFormatException()
    {
        var samples = new[] { EventGrid(), CloudEvent() };
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 600], Gen.Int[0, 30], Gen.String[0, 10], (which, at, cut, insert) => (which, at, cut, insert)).Sample(m =>
        {
            var valid = samples[m.which];
            var at = Math.Min(m.at, valid.Length);
            var body = valid.Remove(at, Math.Min(m.cut, valid.Length - at)).Insert(at, m.insert);
            try
            {
                Reader.Read(body);
            }
            catch (EventFormatException)
            {
            }
        }, iter: 3_000);
    }
}
