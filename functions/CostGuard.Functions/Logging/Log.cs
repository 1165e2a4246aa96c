using Microsoft.Extensions.Logging;

namespace CostGuard.Functions.Logging;

/// <summary>
/// Every log message of the Functions app with its stable event id (range 7000-7099), in one place. Names and counts
/// only: never a connection string, key or webhook URL.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Policy blob {Blob} is new or changed; reading it")]
    public static partial void PolicyBlobChanged(ILogger logger, string blob);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Policy container {Container} does not exist yet: no policies in force")]
    public static partial void PolicyContainerMissing(ILogger logger, string container);
}
