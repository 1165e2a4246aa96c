using Microsoft.Extensions.Logging;

namespace CostGuard.Cli.Hosting;

/// <summary>Routes every logger the CLI's services ask for (the alert notifier's among them) to the injected stderr.</summary>
internal sealed class StderrLoggerProvider(TextWriter error) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger<StderrLoggerProvider>(error);

    public void Dispose()
    {
    }
}
