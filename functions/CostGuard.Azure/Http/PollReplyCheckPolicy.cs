using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostGuard.Azure.Http;

/// <summary>
/// Refuses an operation-status poll reply that does not say the operation's status (an empty or malformed 200 body).
/// Azure.Core would read an empty 200 as "done"; thrown here instead, the poller knows the state is unknown and polls
/// again within its bound. Runs after the response body is buffered.
/// </summary>
internal sealed class PollReplyCheckPolicy : HttpPipelineSynchronousPolicy
{
    public override void OnReceivedResponse(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        if (request.Method != RequestMethod.Get || message.Response.Status != 200
            || !uri.AbsolutePath.Contains("/operations/", StringComparison.OrdinalIgnoreCase)
            || uri.Query.Contains("monitor=true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var body = message.Response.Content.ToMemory();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String)
            {
                return;
            }
        }
        catch (JsonException)
        {
            // Falls through: unreadable.
        }

        throw new UnreadablePollReplyException(body.Length == 0
            ? "the operation-status reply was empty"
            : $"the operation-status reply has no readable status ({body.Length} bytes)");
    }
}
