namespace CostGuard.Launches.Events;

/// <summary>Detects a payload's envelope and hands it to the parser for it (EventBridge in Core, Event Grid in the Azure adapter).</summary>
public sealed class LaunchEventReader(IEnumerable<ILaunchEventParser> parsers)
{
    private readonly IReadOnlyList<ILaunchEventParser> _parsers = parsers.ToList();

    /// <summary>Throws only <see cref="EventFormatException"/>.</summary>
    public IReadOnlyList<ParsedEvent> Read(string body)
    {
        EventPayloadKind kind;
        using (var document = EventJson.Parse(body))
        {
            kind = EventJson.Detect(document.RootElement);
        }

        if (kind == EventPayloadKind.Unknown)
        {
            throw new EventFormatException("body", "not an EventBridge, Event Grid or CloudEvents event (no detail-type, eventType or specversion)");
        }

        foreach (var parser in _parsers)
        {
            if (parser.Handles(kind))
            {
                return parser.Parse(body);
            }
        }

        throw new EventFormatException("body", $"{kind} events are not handled by this build (no parser registered)");
    }
}
