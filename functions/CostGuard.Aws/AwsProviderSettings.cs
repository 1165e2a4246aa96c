using Amazon.Runtime;
using Azure.Core;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Aws;

/// <summary>What the AWS provider needs from its host (the CLI or the Functions app).</summary>
public sealed record AwsProviderSettings
{
    /// <summary>Environment lookup for AWS_ENDPOINT_URL* (injected so tests and the CLI's environment agree).</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Billing cache (the state store): Cost Explorer is asked at most once an hour.</summary>
    public required IBillingCache BillingCache { get; init; }

    public required ApiRequestCounter Requests { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Base credentials; null resolves the standard AWS chain on first use.</summary>
    public Func<AWSCredentials>? Credentials { get; init; }

    /// <summary>
    /// Entra token source for AWS web-identity federation (used when COSTGUARD_AWS_WEB_IDENTITY_ROLE_ARN is set);
    /// null uses DefaultAzureCredential, which in Azure Functions is the app's managed identity.
    /// </summary>
    public TokenCredential? AzureTokenCredential { get; init; }

    /// <summary>HTTP handler for every AWS call; null uses a shared SocketsHttpHandler.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Regions of one account read at the same time.</summary>
    public int MaxParallelRegions { get; init; } = 4;

    /// <summary>Retries after the first attempt (the SDKs' standard mode makes 3 attempts in all).</summary>
    public int MaxErrorRetry { get; init; } = 2;

    /// <summary>
    /// The clock the thin clients' back-off waits run on (their Polly pipelines); null is <see cref="Time"/>. Tests pass
    /// a fake clock that records and skips each wait.
    /// </summary>
    public TimeProvider? RetryTime { get; init; }

    public ILogger? Logger { get; init; }
}
