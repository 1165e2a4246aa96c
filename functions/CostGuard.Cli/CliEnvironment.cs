namespace CostGuard.Cli;

/// <summary>The process's outside world, injected so verbs run in-process in tests.</summary>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    TimeProvider Time,
    Func<string, string?> GetVariable)
{
    /// <summary>
    /// Adjusts the Azure provider's options after the settings are read; null in real runs. In-process tests
    /// route the real Azure SDK to a fake transport here: Azure.Core sends bearer tokens over https only, so a
    /// plain-http loopback fake (as for AWS) cannot be reached through the endpoint settings alone.
    /// </summary>
    public Func<CostGuard.Azure.AzureProviderOptions, CostGuard.Azure.AzureProviderOptions>? ConfigureAzure { get; init; }

    /// <summary>Standard input, for verbs that read a payload from <c>-</c>.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>
    /// True in a real process: <c>enforce</c> then turns SIGTERM/SIGINT into "send nothing new, record what is in flight,
    /// exit <see cref="ExitCodes.Interrupted"/>". In-process tests leave it off (the signal would reach the test host).
    /// </summary>
    public bool HandleTerminationSignals { get; init; }

    public static CliEnvironment FromProcess() =>
        new(Console.Out, Console.Error, TimeProvider.System, Environment.GetEnvironmentVariable) { HandleTerminationSignals = true, In = Console.In };
}
