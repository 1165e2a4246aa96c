namespace CostGuard.Storage;

/// <summary>
/// Where the Functions app keeps its state. Bound from <c>AzureWebJobsStorage</c>: a connection string, or for
/// identity-based access <c>AzureWebJobsStorage__accountName</c> (or <c>__blobServiceUri</c> and
/// <c>__tableServiceUri</c>) with optional <c>__clientId</c> of a user-assigned managed identity.
/// </summary>
public sealed class TableStateOptions
{
    /// <summary>The setting the options are read from (the Functions host's own storage setting).</summary>
    public const string SettingName = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }

    public string? BlobServiceUri { get; set; }

    public string? TableServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; the default credential chain when null.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix of every table name (letters and digits).</summary>
    public string TablePrefix { get; set; } = "costguard";

    /// <summary>Container of guard memory, pending deliveries and the billing cache.</summary>
    public string StateContainer { get; set; } = "costguard-state";

    /// <summary>Container of the account lock blobs (<c>&lt;cloud&gt;/&lt;account&gt;</c>); agreed name, change only in tests.</summary>
    public string LocksContainer { get; set; } = "locks";

    /// <summary>A billing answer younger than this is served from the cache without electing a fetcher.</summary>
    public TimeSpan BillingCacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the instance elected to fetch a billing answer may take before another takes over.</summary>
    public TimeSpan BillingFetchTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a failed billing fetch is remembered: within it every caller of that key gets the failure at once instead
    /// of calling the billing API again (a denied or throttled Cost Explorer is not asked once per account sweep).
    /// </summary>
    public TimeSpan BillingFailureLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an instance waiting for another's billing fetch looks for the answer.</summary>
    public TimeSpan BillingPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
