using Microsoft.Extensions.Logging;

namespace CostGuard.Aws;

/// <summary>Source-generated log messages of the AWS adapter; event ids 4100-4199 are reserved for it.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "AWS account {Account} region {Region}: {Problem}")]
    public static partial void RegionFailed(ILogger logger, string account, string region, string problem);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "AWS session for {RoleArn} expired early; assuming the role again")]
    public static partial void SessionExpired(ILogger logger, string roleArn);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "AWS account {Account}: {Problem}")]
    public static partial void AccountProblem(ILogger logger, string account, string problem);
}
