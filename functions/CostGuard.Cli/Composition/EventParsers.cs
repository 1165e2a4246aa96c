using CostGuard.Azure.Launches;
using CostGuard.Launches.Events;

namespace CostGuard.Cli.Composition;

/// <summary>The event envelopes the CLI reads: EventBridge (Core) and Event Grid/CloudEvents (the Azure adapter).</summary>
internal static class EventParsers
{
    public static IReadOnlyList<ILaunchEventParser> All() => [new EventBridgeParser(), new EventGridLaunchParser()];
}
