using System.Text.Json.Nodes;
using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Slack;
using CostGuard.Alerts.Teams;

namespace CostGuard.Alerts.Delivery;

/// <summary>Renders a message as the JSON body of the given channel's webhook.</summary>
internal static class PayloadRenderer
{
    public static string Render(AlertChannel channel, AlertMessage message) => channel == AlertChannel.Slack
        ? SlackPayloadBuilder.Build(message).ToJsonString()
        : AdaptiveCardPayloadBuilder.Build(message).ToJsonString();

    /// <summary>The message as Slack's plain <c>text</c> alone, for when Slack rejects the blocks.</summary>
    public static string RenderSlackTextOnly(AlertMessage message) =>
        new JsonObject { ["text"] = SlackPayloadBuilder.Text(message) }.ToJsonString();
}
