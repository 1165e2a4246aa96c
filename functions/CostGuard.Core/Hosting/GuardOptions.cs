using Microsoft.Extensions.Configuration;

namespace CostGuard.Hosting;

/// <summary>Settings of the guard itself, bound from app settings / environment variables by their contract names.</summary>
public sealed class GuardOptions
{
    public const string UnhealthyAfterFailuresSetting = "COSTGUARD_UNHEALTHY_AFTER_FAILURES";

    /// <summary>Failed sweeps in a row before an account raises <c>guard-unhealthy</c>.</summary>
    [ConfigurationKeyName(UnhealthyAfterFailuresSetting)]
    public int UnhealthyAfterFailures { get; set; } = 3;

    /// <summary>An account with no successful sweep for this many of its policy's intervals is shown as stale.</summary>
    public int StaleAfterIntervals { get; set; } = 3;

    /// <summary>How long an account lease lasts unless renewed (it is renewed at a third of this while a sweep works).</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a message whose account is locked stays invisible before it is tried again.</summary>
    public TimeSpan LockedRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
