using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using CostGuard.Aws.Signing;
using CostGuard.Ports;
using Polly;

namespace CostGuard.Aws.Http;

/// <summary>
/// A signed awsJson 1.0/1.1 POST with the SDKs' retry behaviour (one <see cref="AwsRetry"/> pipeline per service) and
/// error parsing. Every attempt is counted and signed afresh.
/// </summary>
/// <param name="maxAttempts">Attempts per request in all.</param>
/// <param name="retryTime">The clock the back-off waits run on.</param>
/// <param name="time">The clock requests are signed with.</param>
internal sealed class AwsJsonClient(HttpClient http, int maxAttempts, TimeProvider retryTime, TimeProvider time, ApiRequestCounter counter)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    public async Task<JsonDocument> PostAsync(AwsJsonCall call, byte[] body, ImmutableCredentials credentials, CancellationToken cancellationToken)
    {
        var pipeline = _pipelines.GetOrAdd(call.Service, service => AwsRetry.Build(service, maxAttempts, retryTime));
        return await pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<JsonDocument>(state.Client.SendOnceAsync(state.Call, state.Body, state.Credentials, token)),
            (Client: this, Call: call, Body: body, Credentials: credentials),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> SendOnceAsync(AwsJsonCall call, byte[] body, ImmutableCredentials credentials, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Content-Type"] = call.ContentType,
            ["X-Amz-Target"] = call.Target,
        };
        if (call.QueryMode)
        {
            headers["x-amzn-query-mode"] = "true";
        }

        SigV4Signer.Sign(headers, call.Endpoint, "POST", body, credentials, call.SigningRegion, call.SigningService, time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, call.Endpoint) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            if (name == "Content-Type")
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        counter.Count(call.Service, call.Operation);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw new AwsApiException(call.Operation, "MalformedResponse", response.StatusCode, $"the response is not JSON ({ex.Message})");
            }
        }

        throw ParseError(call.Operation, response, bytes);
    }

    private static AwsApiException ParseError(string operation, HttpResponseMessage response, byte[] bytes)
    {
        string? code = null;
        string message = string.Empty;
        if (response.Headers.TryGetValues("x-amzn-query-error", out var queryError))
        {
            code = queryError.First().Split(';')[0];
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (code is null && doc.RootElement.TryGetProperty("__type", out var type))
            {
                code = type.GetString();
            }

            foreach (var key in (string[])["message", "Message"])
            {
                if (doc.RootElement.TryGetProperty(key, out var m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString() ?? string.Empty;
                }
            }
        }
        catch (JsonException)
        {
            message = "the error body is not JSON";
        }

        if (code is null && response.Headers.TryGetValues("x-amzn-ErrorType", out var errorType))
        {
            code = errorType.First();
        }

        // "aws.protocoltests#LimitExceededException:http://..." -> "LimitExceededException"
        code ??= response.StatusCode == HttpStatusCode.TooManyRequests ? "Throttling" : $"Http{(int)response.StatusCode}";
        code = code[(code.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        code = colon >= 0 ? code[..colon] : code;
        return new AwsApiException(operation, code, response.StatusCode, message);
    }
}
