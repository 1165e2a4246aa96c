using Amazon.Runtime;
using CostGuard.Ports;

namespace CostGuard.Aws.Http;

/// <summary>Gives AWSSDK clients an HttpClient over our shared handler, counting each request.</summary>
internal sealed class SdkHttpClientFactory(HttpMessageHandler handler, string service, ApiRequestCounter counter) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new CountingHandler(handler, service, counter), disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
