using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostGuard.Azure.Http;

/// <summary>
/// Retries a request once with a freshly fetched token when the service answers 401 because the bearer token expired
/// (ARM's <c>ExpiredAuthenticationToken</c>, mid-sweep). Sits right before the transport, after Azure.Core's bearer
/// policy; that policy keeps its cached token until its own refresh time, so later requests still carrying the expired
/// token get the fresh one here instead of another 401.
/// </summary>
internal sealed class ExpiredTokenPolicy(TokenCredential credential, string scope) : HttpPipelinePolicy
{
    private const string Authorization = "Authorization";
    private volatile Replacement? _replacement;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (_replacement is { } known && message.Request.Headers.TryGetValue(Authorization, out var current) && current == known.Stale)
        {
            message.Request.Headers.SetValue(Authorization, known.Fresh);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        if (message.Response.Status != 401 || !await SaysExpiredAsync(message.Response, message.CancellationToken).ConfigureAwait(false))
        {
            return;
        }

        message.Request.Headers.TryGetValue(Authorization, out var sent);
        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), message.CancellationToken).ConfigureAwait(false);
        var fresh = "Bearer " + token.Token;
        if (fresh == sent)
        {
            // The credential has nothing newer (clock skew?): the 401 stands and is reported as it is.
            return;
        }

        _replacement = new Replacement(sent ?? "", fresh);
        message.Request.Headers.SetValue(Authorization, fresh);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    private static async Task<bool> SaysExpiredAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.Headers.TryGetValue("WWW-Authenticate", out var challenge) && challenge.Contains("expired", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && headerCode.Contains("Expired", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (response.ContentStream is not { } stream)
        {
            return false;
        }

        // Buffer the (small) error body so the caller can still read it if the 401 stands.
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        response.ContentStream = buffer;
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var wrapped) ? wrapped : root;
            return error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                && code.GetString()!.Contains("Expired", StringComparison.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Replacement(string Stale, string Fresh);
}
