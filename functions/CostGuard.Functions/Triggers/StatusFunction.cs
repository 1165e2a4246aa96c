using CostGuard.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace CostGuard.Functions.Triggers;

/// <summary><c>GET /api/status</c> (function key): every policy's accounts, their burn, spend, health and the last actions, as JSON.</summary>
public sealed class StatusFunction(StatusService status)
{
    [Function("Status")]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpReplies.OkAsync(request, "application/json; charset=utf-8", StatusJson.Render(await status.BuildAsync(cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
}
