using System.Net;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace CostGuard.Functions.Support;

/// <summary>The response an HTTP trigger writes, readable by the test.</summary>
internal sealed class TestHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException();

    public string Text => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    public string Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
