using Azure.Core;
using Azure.Core.Pipeline;
using CostGuard.Azure.Http;

namespace CostGuard.Azure;

/// <summary>How the Azure adapter reaches Azure; everything but <see cref="Endpoints"/> is for tests and tuning.</summary>
public sealed record AzureProviderOptions
{
    public AzureEndpoints Endpoints { get; init; } = new();

    /// <summary>Null uses <c>DefaultAzureCredential</c> (managed identity, workload identity, environment, Azure CLI).</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>Null uses the default HTTP transport; tests inject an in-process fake.</summary>
    public HttpPipelineTransport? Transport { get; init; }

    /// <summary>Null waits with <c>Task.Delay</c> on the injected TimeProvider.</summary>
    public AsyncDelay? Delay { get; init; }

    /// <summary>Retries of 429/5xx per request (Azure.Core's policy, Retry-After honoured).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Attempts per Cost Management page when the tenant's QPU budget is exhausted.</summary>
    public int MaxCostManagementAttempts { get; init; } = 4;

    /// <summary>Longest QPU back-off accepted; a longer demand fails the query instead of stalling the sweep.</summary>
    public TimeSpan MaxCostManagementWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait between polls of a long-running action (deallocate, delete, tag update).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Polls before an action still running is reported as not finished; bounds the sweep's duration.</summary>
    public int MaxPolls { get; init; } = 30;

    /// <summary>VMs acted on at once within one subscription.</summary>
    public int MaxParallelActions { get; init; } = 8;

    /// <summary>How long a Cost Management answer is reused (at least an hour: data refreshes every few hours and costs quota).</summary>
    public TimeSpan BillingCacheTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Metrics granularity: one utilization sample per bin.</summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromMinutes(5);
}
