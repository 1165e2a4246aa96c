namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>A handler failing the way SocketsHttpHandler can, with the request URL quoted in the exception message.</summary>
internal sealed class ThrowingHandler : HttpMessageHandler
{
    public int Calls { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        throw new HttpRequestException($"The SSL connection could not be established for '{request.RequestUri}' ({request.RequestUri!.AbsoluteUri}).");
    }
}
