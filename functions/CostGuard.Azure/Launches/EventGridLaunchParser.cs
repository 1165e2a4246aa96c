using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using CostGuard.Launches;
using CostGuard.Launches.Events;
using CostGuard.Policies;

namespace CostGuard.Azure.Launches;

/// <summary>
/// Parses Event Grid deliveries (Event Grid schema or CloudEvents 1.0, one event or a batch) with Azure.Messaging.EventGrid.
/// Only <c>Microsoft.Resources.ResourceWriteSuccess</c> for a virtual machine itself is a possible launch; whether it is one
/// (a VM write is also a tag change, the guard's own included) is decided later from the VM's power state and the ledger.
/// </summary>
public sealed partial class EventGridLaunchParser : ILaunchEventParser
{
    public const string WriteSuccess = "Microsoft.Resources.ResourceWriteSuccess";
    public const string VmWrite = "Microsoft.Compute/virtualMachines/write";

    public bool Handles(EventPayloadKind kind) => kind is EventPayloadKind.EventGrid or EventPayloadKind.CloudEvents;

    public IReadOnlyList<ParsedEvent> Parse(string body)
    {
        EventPayloadKind kind;
        using (var document = EventJson.Parse(body))
        {
            kind = EventJson.Detect(document.RootElement);
        }

        var envelopes = new List<(string Type, BinaryData? Data, string Source, string Id, DateTimeOffset? Time)>();
        try
        {
            var data = BinaryData.FromString(body);
            if (kind == EventPayloadKind.CloudEvents)
            {
                envelopes.AddRange(CloudEvent.ParseMany(data).Select(e => (e.Type, e.Data, e.Source, e.Id, e.Time)));
            }
            else
            {
                envelopes.AddRange(EventGridEvent.ParseMany(data).Select(e => (e.EventType, (BinaryData?)e.Data, e.Topic ?? e.Subject, e.Id, (DateTimeOffset?)e.EventTime)));
            }
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or EventFormatException))
        {
            // The SDK's own validation (missing id, eventType, specversion...): a malformed delivery, named generically.
            throw new EventFormatException("body", $"not a valid {(kind == EventPayloadKind.CloudEvents ? "CloudEvents" : "Event Grid")} event ({ex.GetType().Name})");
        }

        return envelopes.Select(e => ParseOne(e.Type, e.Data, e.Source ?? string.Empty, e.Id, e.Time)).ToList();
    }

    private static ParsedEvent ParseOne(string? type, BinaryData? data, string source, string? id, DateTimeOffset? time)
    {
        if (string.IsNullOrEmpty(type))
        {
            throw new EventFormatException("eventType", "missing");
        }

        if (!string.Equals(type, WriteSuccess, StringComparison.Ordinal))
        {
            return ParsedEvent.Ignored(type, LaunchReasons.UnhandledEvent, $"unhandled event type {EventJson.Quote(type)}: only {WriteSuccess} of a virtual machine can be a launch");
        }

        if (data is null)
        {
            throw new EventFormatException("data", "missing");
        }

        using var document = Document(data);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EventFormatException("data", "expected an object");
        }

        var operation = EventJson.OptionalString(root, "operationName", "data.operationName");
        var resourceUri = EventJson.RequiredString(root, "resourceUri", "data.resourceUri");
        if (!string.Equals(operation, VmWrite, StringComparison.OrdinalIgnoreCase))
        {
            return ParsedEvent.Ignored(type, LaunchReasons.UnhandledEvent, $"operation {EventJson.Quote(operation ?? "(none)")} is not {VmWrite}");
        }

        var match = VmIdPattern().Match(resourceUri);
        if (!match.Success)
        {
            // Writes below a VM (extensions, run commands) share the operation prefix but are not the VM.
            return ParsedEvent.Ignored(type, LaunchReasons.UnhandledEvent, $"{EventJson.Quote(resourceUri)} is not a virtual machine resource id");
        }

        var subscription = EventJson.OptionalString(root, "subscriptionId", "data.subscriptionId") ?? match.Groups["sub"].Value;
        if (!Guid.TryParse(subscription, out _) || !string.Equals(subscription, match.Groups["sub"].Value, StringComparison.OrdinalIgnoreCase))
        {
            throw new EventFormatException("data.subscriptionId", $"{EventJson.Quote(subscription)} is not the subscription GUID of data.resourceUri");
        }

        var status = EventJson.OptionalString(root, "status", "data.status");
        if (status is not null && !string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            return ParsedEvent.Ignored(type, LaunchReasons.NotRunning, $"the write's status is {EventJson.Quote(status)}, not Succeeded");
        }

        return ParsedEvent.Of(new LaunchEvent
        {
            Cloud = CloudKind.Azure,
            Account = subscription.ToLowerInvariant(),
            InstanceId = resourceUri,
            Time = time,
            EventId = id,
            Source = source,
            Type = type,
        });
    }

    private static JsonDocument Document(BinaryData data)
    {
        try
        {
            return JsonDocument.Parse(data.ToMemory(), new JsonDocumentOptions { MaxDepth = EventLimits.MaxDepth });
        }
        catch (JsonException)
        {
            throw new EventFormatException("data", "not valid JSON");
        }
    }

    [GeneratedRegex("^/subscriptions/(?<sub>[0-9a-fA-F-]{36})/resourceGroups/[^/]+/providers/Microsoft\\.Compute/virtualMachines/[^/]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VmIdPattern();
}
