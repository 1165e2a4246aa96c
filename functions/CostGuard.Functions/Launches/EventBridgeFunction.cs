using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace CostGuard.Functions.Launches;

/// <summary><c>POST /api/events/aws</c>: the EventBridge API destination (anonymous at the host; the API-key header is checked here).</summary>
public sealed class EventBridgeFunction(EventBridgeIntake intake, ILogger<EventBridgeFunction> logger)
{
    [Function("EventBridgeEvents")]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "events/aws")] HttpRequestData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IntakeReply reply;
        try
        {
            var key = request.Headers.TryGetValues(EventBridgeIntake.ApiKeyHeader, out var values) ? values.FirstOrDefault() : null;
            long? length = request.Headers.TryGetValues("Content-Length", out var lengths)
                && long.TryParse(lengths.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            reply = await intake.AcceptAsync(key, length, request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never crash on a body: an unexpected failure is a 500 that names no input.
            IntakeLog.Crashed(logger, ex.GetType().Name);
            reply = new IntakeReply(HttpStatusCode.InternalServerError, "failed", Error: "internal error");
        }

        var response = request.CreateResponse(reply.Status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        response.Headers.Add("Cache-Control", "no-store");
        await response.WriteStringAsync(Render(reply), cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static string Render(IntakeReply reply)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("status", reply.Outcome);
            if (reply.Reason is not null)
            {
                writer.WriteString("reason", reply.Reason);
            }

            if (reply.Field is not null)
            {
                writer.WriteString("field", reply.Field);
            }

            if (reply.Error is not null)
            {
                writer.WriteString("error", reply.Error);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
