using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Engine.Rules;

/// <summary>
/// Working state of one evaluation: the decisions so far, which instances already have a stop/terminate,
/// and the alert memory. Lives only inside <see cref="DecisionEngine.Evaluate"/>, so the engine stays pure.
/// </summary>
internal sealed class EvaluationContext
{
    private readonly Dictionary<string, DateTimeOffset> _raised;
    private readonly HashSet<InstanceSnapshot> _disrupted = new(ReferenceEqualityComparer.Instance);

    public EvaluationContext(Policy policy, GuardMemory memory, DateTimeOffset now, EvaluationFocus? focus)
    {
        Policy = policy;
        Now = now;
        Focus = focus;
        _raised = new Dictionary<string, DateTimeOffset>(memory.RaisedAlerts.Count, StringComparer.Ordinal);
        foreach (var pair in memory.RaisedAlerts)
        {
            if (now - pair.Value < GuardMemory.Retention)
            {
                _raised.Add(pair.Key, pair.Value);
            }
        }

        OverBurnCap = new HashSet<string>(memory.AccountsOverBurnCap, StringComparer.Ordinal);
    }

    public Policy Policy { get; }

    public DateTimeOffset Now { get; }

    public EvaluationFocus? Focus { get; }

    public List<PlannedAction> Actions { get; } = [];

    public List<PlannedAlert> Alerts { get; } = [];

    /// <summary>Accounts (<c>cloud:id</c>) over their burn cap as of this evaluation.</summary>
    public HashSet<string> OverBurnCap { get; }

    /// <summary>True once the instance has a stop or terminate in this evaluation (at most one each).</summary>
    public bool IsDisrupted(InstanceSnapshot instance) => _disrupted.Contains(instance);

    /// <summary>
    /// Records a decision. Under a focus, decisions about other instances still shape the evaluation
    /// (they reduce the burn the way the next sweep will) but are not emitted: this path acts only on
    /// the launched instance.
    /// </summary>
    public void Decide(PlannedAction action)
    {
        if (action.IsDisruptive && !_disrupted.Add(action.Instance))
        {
            return;
        }

        if (IsInFocus(action.Instance))
        {
            Actions.Add(action);
        }
    }

    public bool IsInFocus(InstanceSnapshot instance) =>
        Focus is null || Focus.Covers(instance.Cloud, instance.Account, instance.Id);

    /// <summary>Raises an alert unless its dedup key was raised before.</summary>
    public void Raise(PlannedAlert alert)
    {
        if (alert.Instance is not null && !IsInFocus(alert.Instance))
        {
            return;
        }

        if (_raised.TryAdd(alert.DedupKey, Now))
        {
            Alerts.Add(alert);
        }
    }

    public GuardMemory NextMemory() => new()
    {
        RaisedAlerts = _raised,
        AccountsOverBurnCap = OverBurnCap,
    };

    public static string AccountKey(CloudKind cloud, string account) => $"{CloudName(cloud)}:{account}";

    public static string CloudName(CloudKind cloud) => PlanWords.Cloud(cloud);
}
