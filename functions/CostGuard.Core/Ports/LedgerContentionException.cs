namespace CostGuard.Ports;

/// <summary>
/// A ledger update lost the optimistic race on every one of its bounded attempts: other writers kept committing first.
/// Nothing was written by this update; retrying later (the queue redelivers the event) is safe.
/// </summary>
public sealed class LedgerContentionException : Exception
{
    public LedgerContentionException()
    {
    }

    public LedgerContentionException(string message)
        : base(message)
    {
    }

    public LedgerContentionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
