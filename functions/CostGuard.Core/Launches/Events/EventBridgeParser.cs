using System.Text.Json;
using System.Text.RegularExpressions;
using CostGuard.Policies;

namespace CostGuard.Launches.Events;

/// <summary>
/// Parses an EventBridge <c>EC2 Instance State-change Notification</c>. Every field the launch path relies on is
/// validated and a bad one named; a well-formed event of another type, or another state, is ignored, not an error.
/// </summary>
public sealed partial class EventBridgeParser : ILaunchEventParser
{
    public const string Ec2Source = "aws.ec2";

    public const string StateChangeType = "EC2 Instance State-change Notification";

    public bool Handles(EventPayloadKind kind) => kind == EventPayloadKind.EventBridge;

    public IReadOnlyList<ParsedEvent> Parse(string body)
    {
        using var document = EventJson.Parse(body);
        return [Parse(document.RootElement)];
    }

    /// <summary>Parses one EventBridge event already read as JSON.</summary>
    public static ParsedEvent Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EventFormatException("body", "expected a JSON object (an EventBridge event)");
        }

        var source = EventJson.RequiredString(root, "source", "source");
        var type = EventJson.RequiredString(root, "detail-type", "detail-type");
        if (!string.Equals(source, Ec2Source, StringComparison.Ordinal) || !string.Equals(type, StateChangeType, StringComparison.Ordinal))
        {
            return ParsedEvent.Ignored(type, LaunchReasons.UnhandledEvent, $"unhandled event type {EventJson.Quote(type)} from {EventJson.Quote(source)}: only {StateChangeType} from {Ec2Source} is a launch");
        }

        var account = EventJson.RequiredString(root, "account", "account");
        if (!AccountPattern().IsMatch(account))
        {
            throw new EventFormatException("account", $"{EventJson.Quote(account)} is not a 12-digit AWS account id");
        }

        var region = EventJson.RequiredString(root, "region", "region");
        if (!RegionPattern().IsMatch(region))
        {
            throw new EventFormatException("region", $"{EventJson.Quote(region)} is not an AWS region (e.g. us-east-1)");
        }

        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind == JsonValueKind.Null)
        {
            throw new EventFormatException("detail", "missing");
        }

        if (detail.ValueKind != JsonValueKind.Object)
        {
            throw new EventFormatException("detail", "expected an object");
        }

        var instanceId = EventJson.RequiredString(detail, "instance-id", "detail.instance-id");
        if (!InstancePattern().IsMatch(instanceId))
        {
            throw new EventFormatException("detail.instance-id", $"{EventJson.Quote(instanceId)} is not an EC2 instance id (i- and 8 or 17 hex digits)");
        }

        var state = EventJson.RequiredString(detail, "state", "detail.state");
        if (!StatePattern().IsMatch(state))
        {
            throw new EventFormatException("detail.state", $"{EventJson.Quote(state)} is not an EC2 instance state");
        }

        var time = EventJson.OptionalTime(root, "time", "time");
        var id = EventJson.OptionalString(root, "id", "id");
        if (!string.Equals(state, "running", StringComparison.Ordinal))
        {
            return ParsedEvent.Ignored(type, LaunchReasons.NotRunning, $"state {state} is not a launch (only running is)");
        }

        return ParsedEvent.Of(new LaunchEvent
        {
            Cloud = CloudKind.Aws,
            Account = account,
            Region = region,
            InstanceId = instanceId,
            State = state,
            Time = time,
            EventId = id,
            Source = source,
            Type = type,
        });
    }

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstancePattern();

    [GeneratedRegex("^(pending|running|stopping|stopped|shutting-down|terminated)$", RegexOptions.CultureInvariant)]
    private static partial Regex StatePattern();
}
