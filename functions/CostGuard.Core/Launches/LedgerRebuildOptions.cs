namespace CostGuard.Launches;

/// <summary>
/// How launch events wait while another event rebuilds their account's ledger: they re-read it every
/// <see cref="PollInterval"/> for at most <see cref="WaitLimit"/> (then the event fails and is retried). A claim older
/// than <see cref="ClaimLifetime"/> belongs to a rebuild that died (a killed process, a recycled instance): the next
/// event takes it over.
/// </summary>
public sealed record LedgerRebuildOptions
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longer than <see cref="ClaimLifetime"/>, so a waiter outlives an abandoned claim and takes it over.</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan ClaimLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The pause between re-reads. Pacing only, never a business time: the default waits on the system clock so that a
    /// fake business clock cannot stall a waiter. Tests replace it to observe who waits.
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task>? Pause { get; init; }

    internal int MaxPolls => (int)Math.Max(1, Math.Ceiling(WaitLimit / PollInterval));

    internal Task PauseAsync(CancellationToken cancellationToken) =>
        Pause is { } pause ? pause(PollInterval, cancellationToken) : Task.Delay(PollInterval, TimeProvider.System, cancellationToken);
}
