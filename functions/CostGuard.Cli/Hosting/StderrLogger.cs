using Microsoft.Extensions.Logging;

namespace CostGuard.Cli.Hosting;

/// <summary>
/// The CLI's logger: warnings and errors (retries, failed deliveries, dropped pending messages) as one line each on the
/// injected stderr, so a failure is never silent. The alert senders never put a URL in a log message.
/// </summary>
internal sealed class StderrLogger<T>(TextWriter error, LogLevel minimum = LogLevel.Warning) : ILogger<T>
{
    // Deliveries run one at a time, but a shared writer must never interleave two lines.
    private static readonly Lock Gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var word = logLevel is LogLevel.Critical or LogLevel.Error ? "error" : logLevel == LogLevel.Warning ? "warning" : "info";
        lock (Gate)
        {
            error.WriteLine($"{word}: {formatter(state, exception)}");
        }
    }
}
