namespace CostGuard.Cli.Hosting;

/// <summary>A setting (environment variable) is missing or malformed; the message names it.</summary>
internal sealed class SettingsException(string message, Exception inner) : Exception(message, inner);
