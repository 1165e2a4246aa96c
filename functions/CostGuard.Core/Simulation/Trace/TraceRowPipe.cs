namespace CostGuard.Simulation.Trace;

/// <summary>
/// Reads and parses a trace on one dedicated thread while another simulates: batches of rows flow through a small
/// bounded queue (memory stays constant) and empty batches flow back for reuse. Both sides block when they must
/// wait, rather than hand each batch to the thread pool, whose idle workers would spin on the core the other side
/// needs. A trace error surfaces at the consumer only after every row before it, as a single-threaded read would.
/// </summary>
internal sealed class TraceRowPipe : IDisposable
{
    private const int BatchesInFlight = 4;
    private readonly object _gate = new();
    private readonly Queue<TraceRowBatch> _full = new(BatchesInFlight);
    private readonly Stack<TraceRowBatch> _empty = new(BatchesInFlight + 2);
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _wakeOnStop;
    private readonly Thread _producer;

    // Closed only when the consumer is done, as a single-threaded read would: the file stays open for the whole run.
    private readonly TraceReader _reader;
    private bool _produced;
    private Exception? _error;

    public TraceRowPipe(Stream stream, CancellationToken cancellationToken)
    {
        _reader = TraceReader.Open(stream);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _wakeOnStop = _stop.Token.Register(WakeAll);
        _producer = new Thread(() => Produce(stream, _stop.Token)) { IsBackground = true, Name = "costguard trace reader" };
        _producer.Start();
    }

    /// <summary>The next batch, or null at the end of the trace; throws the reader's error in row order.</summary>
    public TraceRowBatch? Next(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_full.Count == 0 && !_produced)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _stop.Token.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }

            if (_full.TryDequeue(out var batch))
            {
                Monitor.PulseAll(_gate);
                return batch;
            }
        }

        if (_error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    public void Recycle(TraceRowBatch batch)
    {
        batch.Count = 0;
        lock (_gate)
        {
            _empty.Push(batch);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _producer.Join();
        _wakeOnStop.Dispose();
        _stop.Dispose();
        _reader.Dispose();
    }

    private void Produce(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            var reader = _reader;
            var batch = Take();
            while (reader.ReadInto(batch.Rows, batch.Count, cancellationToken))
            {
                batch.Count++;
                if (batch.Count == TraceRowBatch.Capacity)
                {
                    batch.Fraction = Fraction(stream);
                    Send(batch, cancellationToken);
                    batch = Take();
                }
            }

            if (batch.Count > 0)
            {
                batch.Fraction = Fraction(stream);
                Send(batch, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            // Handed to the consumer after the rows before it; a cancellation is the consumer's own doing.
            _error = ex;
        }
        finally
        {
            lock (_gate)
            {
                _produced = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Send(TraceRowBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // The simulating side is behind: wait for room (bounded memory).
            while (_full.Count >= BatchesInFlight)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }

            _full.Enqueue(batch);
            Monitor.PulseAll(_gate);
        }
    }

    private TraceRowBatch Take()
    {
        lock (_gate)
        {
            return _empty.TryPop(out var batch) ? batch : new TraceRowBatch();
        }
    }

    private void WakeAll()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private static double Fraction(Stream stream) =>
        stream.CanSeek && stream.Length > 0 ? (double)stream.Position / stream.Length : -1;
}
