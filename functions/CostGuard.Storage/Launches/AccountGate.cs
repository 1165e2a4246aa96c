namespace CostGuard.Storage.Launches;

/// <summary>
/// An in-process async lock per account: the updates one Functions instance makes to one account's ledger take turns,
/// so only updates from different instances race on the ETag. An account's entry lives only while an update of it is
/// waiting or running, so the dictionary never holds more accounts than there are updates in flight.
/// </summary>
internal sealed class AccountGate
{
    private readonly Dictionary<string, Turn> _turns = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Accounts with an update waiting or running (for tests: zero once everything is done).</summary>
    public int Held
    {
        get
        {
            lock (_lock)
            {
                return _turns.Count;
            }
        }
    }

    /// <summary>Waits for the account's turn; dispose the result to pass it on.</summary>
    public async Task<Pass> EnterAsync(string account, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (_lock)
        {
            if (!_turns.TryGetValue(account, out turn!))
            {
                turn = new Turn();
                _turns[account] = turn;
            }

            turn.Users++;
        }

        try
        {
            await turn.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(account, turn);
            throw;
        }

        return new Pass(this, account, turn);
    }

    private void Leave(string account, Turn turn)
    {
        lock (_lock)
        {
            if (--turn.Users == 0)
            {
                _turns.Remove(account);
            }
        }
    }

    /// <summary>One account's turn, held until disposed.</summary>
    internal readonly struct Pass(AccountGate gate, string account, Turn turn) : IDisposable
    {
        public void Dispose()
        {
            turn.Semaphore.Release();
            gate.Leave(account, turn);
        }
    }

    /// <summary>The account's semaphore and how many updates wait for or hold it (guarded by the gate's lock).</summary>
    internal sealed class Turn
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
