namespace CostGuard.Ports;

/// <summary>A held account lease. Disposing releases it; a holder that works longer than the lease renews it.</summary>
public interface IAccountLease : IAsyncDisposable
{
    string Holder { get; }

    /// <summary>When the lease ends unless renewed.</summary>
    DateTimeOffset ExpiresAt { get; }

    /// <summary>Extends the lease by its duration; false when it was lost (expired and taken by another holder).</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken);
}
