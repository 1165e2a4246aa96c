using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CostGuard.Simulation.Trace;

/// <summary>
/// Reads and parses a trace on one core while the caller simulates on the other: batches of rows flow through a
/// small bounded channel (memory stays constant) and empty batches flow back for reuse. A trace error surfaces
/// at the caller only after every row before it, exactly as a single-threaded read would.
/// </summary>
internal sealed class TraceRowPipe : IAsyncDisposable
{
    private const int BatchesInFlight = 4;
    private readonly Channel<TraceRowBatch> _full = Channel.CreateBounded<TraceRowBatch>(
        new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });

    private readonly ConcurrentQueue<TraceRowBatch> _empty = new();
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;

    // Closed only when the caller is done, as a single-threaded read would: the file stays open for the whole run.
    private readonly TraceReader _reader;

    public TraceRowPipe(Stream stream, CancellationToken cancellationToken)
    {
        _reader = TraceReader.Open(stream);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _producer = Task.Factory.StartNew(() => Produce(stream, _stop.Token), _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The next batch, or null at the end of the trace; throws the reader's error in row order.</summary>
    public async ValueTask<TraceRowBatch?> NextAsync(CancellationToken cancellationToken)
    {
        if (await _full.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _full.Reader.TryRead(out var batch))
        {
            return batch;
        }

        await _producer.ConfigureAwait(false);
        return null;
    }

    public void Recycle(TraceRowBatch batch)
    {
        batch.Count = 0;
        _empty.Enqueue(batch);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _producer.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Either NextAsync already threw this, or the caller is leaving with its own error, which must win.
        }

        _stop.Dispose();
        _reader.Dispose();
    }

    // Runs on its own thread, so it may block: reading blocking is cheaper per row than an await.
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
        finally
        {
            _full.Writer.TryComplete();
        }
    }

    private void Send(TraceRowBatch batch, CancellationToken cancellationToken)
    {
        while (!_full.Writer.TryWrite(batch))
        {
            // The simulating side is behind: wait for room (bounded memory), on this dedicated thread.
            _full.Writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    private TraceRowBatch Take() => _empty.TryDequeue(out var batch) ? batch : new TraceRowBatch();

    private static double Fraction(Stream stream) =>
        stream.CanSeek && stream.Length > 0 ? (double)stream.Position / stream.Length : -1;
}
