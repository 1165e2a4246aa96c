using Microsoft.Extensions.Logging;

namespace CostGuard.Logging;

/// <summary>
/// Every log message of CostGuard.Core with its stable event id (range 1000-1099), in one place. Messages carry names,
/// ids and counts only: never a webhook URL, key or token.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Scheduler tick at {Now}: {Policies} policies in force, {Enqueued} account sweeps enqueued")]
    public static partial void Tick(ILogger logger, DateTimeOffset now, int policies, int enqueued);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Policy blob {Blob} version {Hash} is invalid ({ErrorCount} errors); the last good version stays in force. First error: {FirstError}")]
    public static partial void PolicyInvalid(ILogger logger, string blob, string hash, int errorCount, string firstError);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Policy blob {Blob} has no valid version yet, so it is not enforced and its policy-invalid alert has no route")]
    public static partial void PolicyNeverValid(ILogger logger, string blob);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Policy blob {Blob} names policy {Policy}, already defined by blob {OtherBlob}; it is ignored")]
    public static partial void PolicyNameTaken(ILogger logger, string blob, string policy, string otherBlob);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Sweep {SweepId}: enqueued {Count} account sweeps")]
    public static partial void SweepEnqueued(ILogger logger, string sweepId, int count);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Account {Cloud}/{Account} of sweep {SweepId} is locked by another sweep; the message goes back to the queue for {Delay}")]
    public static partial void AccountLocked(ILogger logger, string cloud, string account, string sweepId, TimeSpan delay);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Sweep {SweepId} of {Cloud}/{Account} is skipped: policy version {Hash} is gone")]
    public static partial void PolicyVersionGone(ILogger logger, string sweepId, string cloud, string account, string hash);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Sweep {SweepId} is skipped: account {Cloud}/{Account} is not in that policy version")]
    public static partial void AccountNotInPolicy(ILogger logger, string sweepId, string cloud, string account);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Sweep {SweepId} of {Cloud}/{Account}: {Result} ({Actions} actions, {Alerts} alerts)")]
    public static partial void AccountSwept(ILogger logger, string sweepId, string cloud, string account, string result, int actions, int alerts);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Error, Message = "Sweep {SweepId} of {Cloud}/{Account} failed: {Error}")]
    public static partial void AccountSweepFailed(ILogger logger, string sweepId, string cloud, string account, string error);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Error, Message = "Account {Cloud}/{Account} is unhealthy: {Failures} failed sweeps in a row")]
    public static partial void AccountUnhealthy(ILogger logger, string cloud, string account, int failures);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Error, Message = "The lease on {Cloud}/{Account} was lost during sweep {SweepId}; the sweep stops")]
    public static partial void LeaseLost(ILogger logger, string cloud, string account, string sweepId);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Warning, Message = "Recording the health of {Cloud}/{Account} failed: {Error}")]
    public static partial void HealthNotRecorded(ILogger logger, string cloud, string account, string error);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Critical, Message = "Sweep {SweepId} of {Cloud}/{Account} was moved to the poison queue; last error: {Error}")]
    public static partial void Poisoned(ILogger logger, string sweepId, string cloud, string account, string error);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Critical, Message = "An unreadable message ({Length} characters) reached the poison queue: {Error}")]
    public static partial void PoisonUnreadable(ILogger logger, int length, string error);
}
