using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using CostGuard.Functions.Support;

namespace CostGuard.Functions.Launches;

/// <summary>A POST as the worker hands it to an HTTP trigger: headers and a body stream of any size.</summary>
internal sealed class TestPostRequest : HttpRequestData
{
    public TestPostRequest(FunctionContext context, string url, Stream body, IDictionary<string, string> headers)
        : base(context)
    {
        Url = new Uri(url);
        Body = body;
        foreach (var (name, value) in headers)
        {
            Headers.Add(name, value);
        }
    }

    public override Stream Body { get; }

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; }

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method => "POST";

    public override HttpResponseData CreateResponse() => new TestHttpResponse(FunctionContext);
}
