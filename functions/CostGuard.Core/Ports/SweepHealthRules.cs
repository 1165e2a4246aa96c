namespace CostGuard.Ports;

/// <summary>How one sweep result changes an account's <see cref="SweepHealth"/>: the same rule in every store.</summary>
public static class SweepHealthRules
{
    public static SweepHealth Apply(SweepHealth before, DateTimeOffset at, bool succeeded, string? error) => succeeded
        ? before with
        {
            LastAttemptAt = Later(before.LastAttemptAt, at),
            LastSuccessAt = Later(before.LastSuccessAt, at),
            FailuresInARow = 0,
            LastError = null,
        }
        : before with
        {
            LastAttemptAt = Later(before.LastAttemptAt, at),
            FailuresInARow = before.FailuresInARow + 1,
            LastError = string.IsNullOrWhiteSpace(error) ? "sweep failed" : error,
        };

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
