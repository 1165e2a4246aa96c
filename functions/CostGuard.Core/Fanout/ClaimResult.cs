namespace CostGuard.Fanout;

/// <summary>What the scheduler's ledger says about one (sweep id, account).</summary>
public enum ClaimResult
{
    /// <summary>This caller owns the entry and must enqueue the message, then mark it enqueued.</summary>
    Claimed,

    /// <summary>The message is already on the queue.</summary>
    AlreadyEnqueued,

    /// <summary>Another tick claimed it moments ago and is enqueueing it now.</summary>
    HeldByOther,
}
