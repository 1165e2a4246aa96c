using System.Runtime.InteropServices;

namespace CostGuard.Cli.Commands;

/// <summary>
/// SIGTERM (a deploy, a function timeout, <c>kill</c>) and SIGINT while a sweep runs: the first cancels the sweep's
/// token, which stops new changing calls while calls in flight complete and get their outcomes recorded; a second
/// signal ends the process at once (the intents already written let the next run close what was in flight).
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public TerminationSignals(CliEnvironment env, CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        if (!env.HandleTerminationSignals)
        {
            return;
        }

        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (Interlocked.Increment(ref _signals) > 1)
                {
                    return;
                }

                context.Cancel = true;
                env.Error.WriteLine($"costguard: {context.Signal} received: sending no new cloud calls; finishing the calls in flight and recording their outcomes");
                env.Error.Flush();
                _stop.Cancel();
            }));
        }
    }

    public CancellationToken Token => _stop.Token;

    public bool Signalled => Volatile.Read(ref _signals) > 0;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
