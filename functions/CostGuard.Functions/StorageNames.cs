namespace CostGuard.Functions;

/// <summary>
/// Every queue, container and table name of the app in one place (agreed with the store, launch and infra work).
/// Trigger attributes need constants, so the names live here rather than in settings (except the policy container).
/// </summary>
public static class StorageNames
{
    /// <summary>The storage connection every trigger and client uses (identity-based in Azure: <c>AzureWebJobsStorage__accountName</c>).</summary>
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>One message per (policy, account) sweep.</summary>
    public const string SweepQueue = "costguard-sweeps";

    /// <summary>Where the Functions host moves a sweep message after host.json's <c>maxDequeueCount</c> failed attempts.</summary>
    public const string SweepPoisonQueue = "costguard-sweeps-poison";

    /// <summary>Launch events (the launch enforcement functions).</summary>
    public const string EventQueue = "costguard-events";

    public const string EventPoisonQueue = "costguard-events-poison";

    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c>: attempts before a message is poison (keep in step).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Default container FinOps upload policies to (app setting <c>COSTGUARD_POLICY_CONTAINER</c>).</summary>
    public const string DefaultPolicyContainer = "policies";

    /// <summary>Every validated policy version, by content hash (<c>&lt;hash&gt;.json</c>).</summary>
    public const string PolicyVersionContainer = "costguard-policy-versions";

    /// <summary>Which version of each policy blob is in force, and which invalid versions were reported.</summary>
    public const string PolicyTable = "costguardpolicies";

    /// <summary>The scheduler's idempotency ledger: one entity per (sweep id, account).</summary>
    public const string SweepLedgerTable = "costguardsweepledger";

    /// <summary>The last sweep's figures per (policy, account), for the status page.</summary>
    public const string AccountStatusTable = "costguardstatus";
}
