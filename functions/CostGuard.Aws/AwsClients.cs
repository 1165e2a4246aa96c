using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using CostGuard.Aws.Endpoints;
using CostGuard.Aws.Http;
using CostGuard.Ports;

namespace CostGuard.Aws;

/// <summary>Builds configured AWSSDK clients: endpoint overrides, signing region, counting, retries.</summary>
internal sealed class AwsClients(AwsEndpoints endpoints, HttpMessageHandler handler, ApiRequestCounter counter, int maxErrorRetry)
{
    public IAmazonEC2 Ec2(AWSCredentials credentials, string region)
    {
        var config = new AmazonEC2Config { HttpClientFactory = new SdkHttpClientFactory(handler, "ec2", counter) };
        Configure(config, AwsService.Ec2, region);
        return new AmazonEC2Client(credentials, config);
    }

    public IAmazonSecurityTokenService Sts(AWSCredentials credentials, string region)
    {
        var config = new AmazonSecurityTokenServiceConfig { HttpClientFactory = new SdkHttpClientFactory(handler, "sts", counter) };
        Configure(config, AwsService.Sts, region);
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    private void Configure(ClientConfig config, AwsService service, string region)
    {
        // We resolve AWS_ENDPOINT_URL* ourselves (through the injected lookup) so the SDK must not read them again.
        config.IgnoreConfiguredEndpointUrls = true;
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = maxErrorRetry;
        var endpoint = endpoints.Override(service);
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint.ToString();

            // With ServiceURL, AWSSDK 4.x signs for us-east-1 unless told otherwise: every region would read us-east-1.
            config.AuthenticationRegion = region;
        }
    }
}
