using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostGuard.Azure.Http;

/// <summary>Sends one JSON POST over a thin-client pipeline and reads Azure's error envelope when it fails.</summary>
internal static class ThinCalls
{
    /// <summary>
    /// POSTs <paramref name="body"/> and hands the (buffered) response to <paramref name="read"/> before it is disposed,
    /// with the retry step's note when a retryable reply was not retried (null otherwise).
    /// </summary>
    public static async Task<T> PostJsonAsync<T>(HttpPipeline pipeline, Uri uri, byte[] body, IEnumerable<(string Name, string Value)>? headers, Func<Response, string?, T> read, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Accept", "application/json");
        foreach (var (name, value) in headers ?? [])
        {
            message.Request.Headers.SetValue(name, value);
        }

        message.Request.Content = RequestContent.Create(body);
        message.BufferResponse = true;
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return read(message.Response, RetryNote.Get(message));
    }

    /// <summary>"403 AuthorizationFailed: message", from either the wrapped or the bare error shape.</summary>
    public static string Describe(Response response, string? note = null)
    {
        string? code = null;
        string? text = null;
        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var wrapped) ? wrapped : root;
            if (error.ValueKind == JsonValueKind.Object)
            {
                code = error.TryGetProperty("code", out var c) ? c.ToString() : null;
                text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            text = response.Content.ToString();
        }

        code ??= response.Headers.TryGetValue("x-ms-error-code", out var headerCode) ? headerCode : response.ReasonPhrase;
        return $"HTTP {response.Status} {code}{(string.IsNullOrEmpty(text) ? "" : ": " + text)}{(note is null ? "" : $" ({note})")}";
    }
}
