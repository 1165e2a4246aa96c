using Azure.Core;
using Azure.Core.Pipeline;

namespace CostGuard.Azure;

/// <summary>How the Azure adapter reaches Azure; everything but <see cref="Endpoints"/> is for tests and tuning.</summary>
public sealed record AzureProviderOptions
{
    public AzureEndpoints Endpoints { get; init; } = new();

    /// <summary>Null uses <c>DefaultAzureCredential</c> (managed identity, workload identity, environment, Azure CLI).</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>Null uses the default HTTP transport; tests inject an in-process fake.</summary>
    public HttpPipelineTransport? Transport { get; init; }

    /// <summary>Retries of 408/429/5xx and transport errors per ARM, metrics or Log Analytics request (exponential back-off with jitter).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// Longest server-requested wait (Retry-After and its variants) honoured on ARM, metrics and Log Analytics; a reply
    /// asking for longer is not retried (the call fails and says so) instead of stalling the sweep.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per Cost Management page when the tenant's QPU budget is exhausted.</summary>
    public int MaxCostManagementAttempts { get; init; } = 4;

    /// <summary>Longest QPU back-off accepted; a longer demand fails the query instead of stalling the sweep.</summary>
    public TimeSpan MaxCostManagementWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one subscription's sweep (its read, then its actions) may take, counted from the start of its read
    /// (setting <c>COSTGUARD_AZURE_SWEEP_DEADLINE</c>). Past it no call is retried, no action is started and no
    /// operation is waited for; each such thing is reported as left undone. Under the Functions 5-minute default timeout.
    /// </summary>
    public TimeSpan SweepDeadline { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Longest wait between polls of a long-running action (deallocate, delete); a shorter server Retry-After is honoured.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Shortest wait between polls, whatever the server suggests.</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Polls (unreadable replies included) before an action still running is reported as not finished.</summary>
    public int MaxPolls { get; init; } = 30;

    /// <summary>
    /// ARM requests in flight at once for one subscription's actions. A slot is held for a request only, never while
    /// waiting to poll, so hundreds of deallocations run side by side.
    /// </summary>
    public int MaxParallelActions { get; init; } = 8;

    /// <summary>How long a Cost Management answer is reused (at least an hour: data refreshes every few hours and costs quota).</summary>
    public TimeSpan BillingCacheTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Metrics granularity: one utilization sample per bin.</summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromMinutes(5);
}
