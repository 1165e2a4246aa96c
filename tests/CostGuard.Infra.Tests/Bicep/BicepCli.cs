using CostGuard.Infra.Support;

namespace CostGuard.Infra.Bicep;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine NuGet package (offline: no registry modules are used).</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        if (!File.Exists(Repository.BicepPath))
        {
            throw new FileNotFoundException($"the Bicep CLI is not at {Repository.BicepPath}: restore Azure.Bicep.CommandLine.linux-x64");
        }

        return ProcessRunner.RunAsync(Repository.BicepPath, arguments, workingDirectory, Limit);
    }

    /// <summary>Diagnostic lines (<c>file(line,col) : Warning|Error code: text</c>) in a CLI output.</summary>
    public static IReadOnlyList<string> Diagnostics(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal) || line.Contains(" : Error ", StringComparison.Ordinal)
                || line.Contains(" : Info ", StringComparison.Ordinal))
            .ToList();
}
