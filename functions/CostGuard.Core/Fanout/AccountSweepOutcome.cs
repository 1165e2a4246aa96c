namespace CostGuard.Fanout;

/// <summary>What happened to one account-sweep message.</summary>
public enum AccountSweepOutcome
{
    /// <summary>The account was swept and every read, action and delivery succeeded.</summary>
    Succeeded,

    /// <summary>The account was swept but something failed (recorded in its health; the next sweep retries).</summary>
    Failed,

    /// <summary>The account was locked by another sweep: the message went back to the queue with a delay.</summary>
    Requeued,

    /// <summary>The policy version the message names is gone, or no longer lists the account.</summary>
    Skipped,
}
