using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.ResourceManager;
using CostGuard.Ports;

namespace CostGuard.Azure.Http;

/// <summary>The one ArmClient and the three thin-client pipelines, all counting requests and sharing one retry style.</summary>
internal sealed class AzureClients
{
    public AzureClients(AzureProviderOptions options, ApiRequestCounter counter, AsyncDelay delay)
    {
        var credential = options.Credential ?? new DefaultAzureCredential();
        Endpoints = options.Endpoints;
        ArmRetry = new InjectedDelayRetryPolicy(options.MaxRetries, delay);
        var armOptions = new ArmClientOptions
        {
            Environment = new ArmEnvironment(options.Endpoints.Arm, options.Endpoints.ArmAudience),
        };
        Configure(armOptions, options, counter, ArmRetry);
        Arm = new ArmClient(credential, defaultSubscriptionId: null, armOptions);

        Metrics = Build(options, counter, credential, options.Endpoints.MetricsScope, new InjectedDelayRetryPolicy(options.MaxRetries, delay));
        Logs = Build(options, counter, credential, options.Endpoints.LogsScope, new InjectedDelayRetryPolicy(options.MaxRetries, delay));

        // Cost Management's 429s carry QPU headers Azure.Core ignores: our client handles those itself.
        CostRetry = new InjectedDelayRetryPolicy(options.MaxRetries, delay, retryThrottling: false);
        CostManagement = Build(options, counter, credential, options.Endpoints.ArmScope, CostRetry);
    }

    public AzureEndpoints Endpoints { get; }

    public ArmClient Arm { get; }

    public InjectedDelayRetryPolicy ArmRetry { get; }

    public InjectedDelayRetryPolicy CostRetry { get; }

    public HttpPipeline Metrics { get; }

    public HttpPipeline Logs { get; }

    public HttpPipeline CostManagement { get; }

    private static HttpPipeline Build(AzureProviderOptions options, ApiRequestCounter counter, TokenCredential credential, string scope, InjectedDelayRetryPolicy retry)
    {
        var clientOptions = new ThinClientOptions();
        Configure(clientOptions, options, counter, retry);
        return HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, scope));
    }

    private static void Configure(ClientOptions clientOptions, AzureProviderOptions options, ApiRequestCounter counter, InjectedDelayRetryPolicy retry)
    {
        // Azure.Core's own retry would sleep for real; ours (per call, ahead of it) waits through the injected delay.
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.AddPolicy(retry, HttpPipelinePosition.PerCall);
        if (options.Transport is not null)
        {
            clientOptions.Transport = options.Transport;
        }

        clientOptions.AddPolicy(new RequestCountingPolicy(counter), HttpPipelinePosition.PerRetry);
    }

    private sealed class ThinClientOptions : ClientOptions
    {
    }
}
