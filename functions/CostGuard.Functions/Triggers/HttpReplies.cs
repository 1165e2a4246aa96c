using System.Net;
using Microsoft.Azure.Functions.Worker.Http;

namespace CostGuard.Functions.Triggers;

/// <summary>Writes a 200 reply. The CSP forbids loading anything from anywhere: the page must stay self-contained.</summary>
internal static class HttpReplies
{
    public static async Task<HttpResponseData> OkAsync(HttpRequestData request, string contentType, string body, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", contentType);
        response.Headers.Add("Cache-Control", "no-store");
        response.Headers.Add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
        response.Headers.Add("X-Content-Type-Options", "nosniff");
        await response.WriteStringAsync(body, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
