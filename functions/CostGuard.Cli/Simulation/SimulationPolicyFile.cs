using CostGuard.Policies;
using CostGuard.Policies.Loading;

namespace CostGuard.Cli.Simulation;

/// <summary>The one place <c>simulate</c> loads its policy: the validating loader, every error listed at once.</summary>
internal static class SimulationPolicyFile
{
    /// <summary>Loads and validates a policy; on failure returns null and every error, each naming file, path, line and column.</summary>
    public static async Task<(Policy? Policy, IReadOnlyList<string> Errors)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var result = await PolicyLoader.LoadFileAsync(path, cancellationToken).ConfigureAwait(false);
        return result.IsValid ? (result.Policy, []) : (null, result.Errors.Select(e => e.ToString()).ToList());
    }
}
