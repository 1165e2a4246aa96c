using Microsoft.Extensions.Logging;

namespace CostGuard.Storage.Logging;

/// <summary>Every log line of the storage state, with its stable event id (7000-7099). Keys are logged, never payloads.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Billing cache '{Key}': this instance fetches the answer")]
    public static partial void BillingFetchElected(ILogger logger, string key);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Billing cache '{Key}': waiting for another instance's fetch")]
    public static partial void BillingFetchWaiting(ILogger logger, string key);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Billing cache '{Key}': the fetch claimed at {ClaimedAt:o} outlived its timeout; taking it over")]
    public static partial void BillingFetchTakenOver(ILogger logger, string key, DateTimeOffset claimedAt);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "Billing cache '{Key}': the fetch failed at {FailedAt:o}; answering with that failure")]
    public static partial void BillingFetchRecentlyFailed(ILogger logger, string key, DateTimeOffset failedAt);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Billing cache '{Key}': could not release this instance's fetch claim; others wait for its timeout")]
    public static partial void BillingReleaseFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Account lock {Blob}: the lease of '{Holder}' expired at {ExpiredAt:o}; breaking it")]
    public static partial void LockExpiredBroken(ILogger logger, string blob, string holder, DateTimeOffset expiredAt);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Debug, Message = "Audit: {Count} record(s) already in the log were not appended again")]
    public static partial void AuditReplaysIgnored(ILogger logger, int count);
}
