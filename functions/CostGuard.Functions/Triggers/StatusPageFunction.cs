using CostGuard.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace CostGuard.Functions.Triggers;

/// <summary><c>GET /api/status/page</c> (function key): the same data as a self-contained HTML page.</summary>
public sealed class StatusPageFunction(StatusService status)
{
    [Function("StatusPage")]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/page")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpReplies.OkAsync(request, "text/html; charset=utf-8", StatusPage.Render(await status.BuildAsync(cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
}
