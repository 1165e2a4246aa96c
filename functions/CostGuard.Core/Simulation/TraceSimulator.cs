using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Simulation.Trace;
using CostGuard.Simulation.World;

namespace CostGuard.Simulation;

/// <summary>
/// Replays a fleet trace through the decision engine in simulated time. Rows in time order stream through
/// in constant memory; a file out of order is read again, sorted in memory, with a warning.
/// </summary>
public sealed class TraceSimulator
{
    private const int ProgressEveryRows = 1 << 16;
    private readonly PlanEvaluator _evaluator;

    public TraceSimulator(PlanEvaluator? evaluator = null)
    {
        _evaluator = evaluator ?? new DecisionEngine().Evaluate;
    }

    /// <summary>Simulates <paramref name="policy"/> over the trace <paramref name="openTrace"/> opens (called at most twice).</summary>
    /// <exception cref="TraceFormatException">The trace is not valid fleet trace v1.</exception>
    public async Task<SimulationResult> RunAsync(Policy policy, Func<Stream> openTrace, SimulationOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await StreamAsync(policy, openTrace, options, cancellationToken).ConfigureAwait(false);
        }
        catch (TraceOutOfOrderException outOfOrder)
        {
            options.Warning?.Invoke(
                $"warning: the trace is not in time order (line {outOfOrder.Line} is earlier than the row before it); sorting it in memory");
            return await SortedAsync(policy, openTrace, options, cancellationToken).ConfigureAwait(false);
        }
    }

    // Parsing runs on one dedicated thread and simulating on another, each blocking only when it must wait for the
    // other; the caller's thread is free meanwhile.
    private Task<SimulationResult> StreamAsync(Policy policy, Func<Stream> openTrace, SimulationOptions options, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () => Stream(policy, openTrace, options, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private SimulationResult Stream(Policy policy, Func<Stream> openTrace, SimulationOptions options, CancellationToken cancellationToken)
    {
        var run = new SimulationRun(policy, options, _evaluator);
        using var pipe = new TraceRowPipe(openTrace(), cancellationToken);
        long rows = 0;
        while (pipe.Next(cancellationToken) is { } batch)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                run.Add(batch.Rows[i]);
            }

            rows += batch.Count;
            if (rows % ProgressEveryRows < TraceRowBatch.Capacity && batch.Fraction >= 0)
            {
                options.Progress?.Report(batch.Fraction);
            }

            pipe.Recycle(batch);
        }

        return run.Finish();
    }

    private async Task<SimulationResult> SortedAsync(Policy policy, Func<Stream> openTrace, SimulationOptions options, CancellationToken cancellationToken)
    {
        var rows = new List<TraceRow>();
        var stream = openTrace();
        using (var reader = TraceReader.Open(stream))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(reader.Current);
            }
        }

        // Ties keep file order, so of two rows for one instance and time the later one still wins.
        rows.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Line.CompareTo(b.Line));
        var run = new SimulationRun(policy, options, _evaluator);
        foreach (var row in rows)
        {
            run.Add(row);
        }

        return run.Finish() with { SortedInMemory = true };
    }
}
