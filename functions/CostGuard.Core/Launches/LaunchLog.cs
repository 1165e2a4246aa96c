using Microsoft.Extensions.Logging;

namespace CostGuard.Launches;

/// <summary>Launch-path log messages (event ids 4100-4199). Never a header, key or body: only ids and words.</summary>
internal static partial class LaunchLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Dropped a malformed launch event message: {Field}: {Problem}")]
    public static partial void MalformedMessage(ILogger logger, string field, string problem);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Launch {Instance}: {Decision} ({Reason}) after {Retries} ledger conflict retries")]
    public static partial void Decided(ILogger logger, string instance, string decision, string reason, int retries);
}
