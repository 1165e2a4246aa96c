using Microsoft.Extensions.Logging;

namespace CostGuard.Functions.Launches;

/// <summary>Intake log messages (event ids 4200-4299): statuses and ids only, never a header value, the key or the body.</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Error, Message = "App setting {Setting} is not set: every EventBridge event is refused with 401")]
    public static partial void KeyNotConfigured(ILogger logger, string setting);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "EventBridge event refused with {Status} ({Reason})")]
    public static partial void Rejected(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "EventBridge launch queued: account {Account}, region {Region}, instance {Instance}")]
    public static partial void Queued(ILogger logger, string account, string region, string instance);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "Queueing the launch of {Instance} failed ({Error}); answered 503 so EventBridge retries")]
    public static partial void EnqueueFailed(ILogger logger, string instance, string error);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Could not read the policies in force to scope account {Account} ({Error}); queued anyway")]
    public static partial void ScopeUnknown(ILogger logger, string account, string error);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Error, Message = "The EventBridge intake failed unexpectedly ({Error}); answered 500")]
    public static partial void Crashed(ILogger logger, string error);
}
