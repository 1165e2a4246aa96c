using CostGuard.Engine;
using CostGuard.Fleet;

namespace CostGuard.Ports;

/// <summary>Keeps the engine's <see cref="GuardMemory"/> between sweeps, per policy.</summary>
public interface IGuardMemoryStore
{
    Task<GuardMemory> LoadAsync(string policyName, CancellationToken cancellationToken);

    Task SaveAsync(string policyName, GuardMemory memory, CancellationToken cancellationToken);
}
