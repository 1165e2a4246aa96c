using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>
/// Whether an instance type is a GPU type under the policy's selector, decided once per distinct type in one
/// evaluation. Fleets repeat a few types and readers usually share one string per type, so the lookup goes by
/// reference first (no hashing of the text) and by value only for a string seen for the first time.
/// </summary>
internal sealed class GpuTypeCache
{
    private readonly GpuSelector _selector;
    private readonly Dictionary<string, bool>[] _byReference = [new(ReferenceEqualityComparer.Instance), new(ReferenceEqualityComparer.Instance)];
    private readonly Dictionary<(CloudKind, string), bool> _byValue = [];

    public GpuTypeCache(GpuSelector selector) => _selector = selector;

    public bool IsGpu(CloudKind cloud, string type)
    {
        var byReference = _byReference[cloud == CloudKind.Aws ? 0 : 1];
        if (byReference.TryGetValue(type, out var known))
        {
            return known;
        }

        if (!_byValue.TryGetValue((cloud, type), out var isGpu))
        {
            isGpu = _selector.IsGpu(cloud, type);
            _byValue[(cloud, type)] = isGpu;
        }

        byReference[type] = isGpu;
        return isGpu;
    }
}
