using System.Text;
using CostGuard.Ports;

namespace CostGuard.Aws.Http;

/// <summary>
/// Counts every HTTP attempt the AWS SDK makes (retries included) per service and operation, reading the
/// Query protocol's <c>Action=</c> from the form body.
/// </summary>
internal sealed class CountingHandler(HttpMessageHandler inner, string service, ApiRequestCounter counter) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Count(service, await OperationAsync(request, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Count(service, OperationAsync(request, cancellationToken).GetAwaiter().GetResult());
        return base.Send(request, cancellationToken);
    }

    private static async Task<string> OperationAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return "unknown";
        }

        await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        foreach (var pair in body.Split('&'))
        {
            if (pair.StartsWith("Action=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["Action=".Length..]);
            }
        }

        return "unknown";
    }
}
