using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.ResourceManager;
using CostGuard.Ports;

namespace CostGuard.Azure.Http;

/// <summary>
/// The one ArmClient and the three thin-client pipelines: one resilience pipeline per dependency (Polly, in place of
/// Azure.Core's retry), a fresh-token retry on an expired token, and every request on the wire counted.
/// </summary>
internal sealed class AzureClients
{
    public AzureClients(AzureProviderOptions options, ApiRequestCounter counter, TimeProvider time)
    {
        var credential = options.Credential ?? new DefaultAzureCredential();
        Endpoints = options.Endpoints;
        var armOptions = new ArmClientOptions
        {
            Environment = new ArmEnvironment(options.Endpoints.Arm, options.Endpoints.ArmAudience),
        };
        Configure(armOptions, options, counter, credential, options.Endpoints.ArmScope,
            new ResilientRetryPolicy("azure-arm", options.MaxRetries, options.MaxRetryAfter, time));
        armOptions.AddPolicy(new PollReplyCheckPolicy(), HttpPipelinePosition.PerRetry);
        Arm = new ArmClient(credential, defaultSubscriptionId: null, armOptions);

        Metrics = Build(options, counter, credential, options.Endpoints.MetricsScope,
            new ResilientRetryPolicy("azure-monitor", options.MaxRetries, options.MaxRetryAfter, time));
        Logs = Build(options, counter, credential, options.Endpoints.LogsScope,
            new ResilientRetryPolicy("azure-loganalytics", options.MaxRetries, options.MaxRetryAfter, time));

        // Cost Management throttles on a tenant-wide QPU budget with its own headers and longer windows.
        CostManagement = Build(options, counter, credential, options.Endpoints.ArmScope,
            new ResilientRetryPolicy("azure-costmanagement", options.MaxCostManagementAttempts - 1, options.MaxCostManagementWait, time));
    }

    public AzureEndpoints Endpoints { get; }

    public ArmClient Arm { get; }

    public HttpPipeline Metrics { get; }

    public HttpPipeline Logs { get; }

    public HttpPipeline CostManagement { get; }

    private static HttpPipeline Build(AzureProviderOptions options, ApiRequestCounter counter, TokenCredential credential, string scope, ResilientRetryPolicy retry)
    {
        var clientOptions = new ThinClientOptions();
        Configure(clientOptions, options, counter, credential, scope, retry);
        return HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, scope));
    }

    private static void Configure(ClientOptions clientOptions, AzureProviderOptions options, ApiRequestCounter counter, TokenCredential credential, string scope, ResilientRetryPolicy retry)
    {
        clientOptions.RetryPolicy = retry;
        if (options.Transport is not null)
        {
            clientOptions.Transport = options.Transport;
        }

        // Both right before the transport, in this order: the counter sees the fresh-token resend too.
        clientOptions.AddPolicy(new ExpiredTokenPolicy(credential, scope), HttpPipelinePosition.BeforeTransport);
        clientOptions.AddPolicy(new RequestCountingPolicy(counter), HttpPipelinePosition.BeforeTransport);
    }

    private sealed class ThinClientOptions : ClientOptions
    {
    }
}
