using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Launches;

/// <summary>Hand-written instance reader: canned instances by id; stops and tags change them; counts every call.</summary>
internal sealed class FakeInstanceReader(CloudKind cloud) : IInstanceReader
{
    private readonly object _gate = new();

    public Dictionary<string, InstanceSnapshot> Instances { get; } = new(StringComparer.Ordinal);

    public List<PlannedAction> Applied { get; } = [];

    public int Reads { get; private set; }

    public string? ReadProblem { get; set; }

    public CloudKind Cloud => cloud;

    public Task<InstanceReadResult> ReadInstanceAsync(Policy policy, AccountScope account, string region, string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            if (ReadProblem is not null)
            {
                return Task.FromResult(InstanceReadResult.Failed(ReadProblem));
            }

            return Task.FromResult(Instances.TryGetValue(instanceId, out var instance) ? InstanceReadResult.Found(instance) : InstanceReadResult.NotFound());
        }
    }

    public Task<ActionOutcome> ApplyAsync(Policy policy, AccountScope account, PlannedAction action, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Applied.Add(action);
            var instance = Instances[action.Instance.Id];
            Instances[action.Instance.Id] = action.Action switch
            {
                ActionKind.Stop => instance with { State = InstanceState.Stopping },
                ActionKind.Tag => instance with { Tags = new Dictionary<string, string>(instance.Tags) { [action.TagKey!] = action.TagValue ?? string.Empty } },
                _ => instance,
            };
            return Task.FromResult(new ActionOutcome(action, ActionStatus.Applied));
        }
    }

    public List<string> StoppedIds()
    {
        lock (_gate)
        {
            return Applied.Where(a => a.Action == ActionKind.Stop).Select(a => a.Instance.Id).ToList();
        }
    }
}
