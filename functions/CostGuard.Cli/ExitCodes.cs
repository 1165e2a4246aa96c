namespace CostGuard.Cli;

/// <summary>Named process exit codes, stable for scripts and CI.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (for validate: every policy is valid).</summary>
    public const int Success = 0;

    /// <summary>Ran, but something failed: an account, a region, an action or an alert delivery.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: an invalid policy, snapshot or trace. Nothing was acted on.</summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// <c>enforce</c> got SIGTERM or SIGINT while sweeping: no new cloud call was sent after the signal, calls already in
    /// flight completed and their outcomes were recorded; what was not sent is left for the next run (128 + SIGTERM).
    /// </summary>
    public const int Interrupted = 143;

    /// <summary>The command line itself was wrong (unknown verb or option).</summary>
    public const int UsageError = 64;
}
