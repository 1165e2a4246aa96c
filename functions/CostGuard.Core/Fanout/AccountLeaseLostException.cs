namespace CostGuard.Fanout;

/// <summary>
/// An account sweep lost its account lease while it worked (a renewal found it taken or broken). The sweep stopped
/// sending; the message must not be acked as done: the queue delivers it again (the holder then has the lock, so it is
/// re-queued with a delay, and a later replay skips what this run already finished).
/// </summary>
public sealed class AccountLeaseLostException : Exception
{
    public AccountLeaseLostException()
    {
    }

    public AccountLeaseLostException(string message)
        : base(message)
    {
    }

    public AccountLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
