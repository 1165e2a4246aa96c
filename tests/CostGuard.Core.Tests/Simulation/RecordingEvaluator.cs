using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>A hand-written engine stand-in: records every evaluation and answers with the plan a test scripts.</summary>
internal sealed class RecordingEvaluator
{
    private readonly Func<FleetSnapshot, DateTimeOffset, EvaluationFocus?, IReadOnlyList<PlannedAction>> _actions;

    public RecordingEvaluator(Func<FleetSnapshot, DateTimeOffset, EvaluationFocus?, IReadOnlyList<PlannedAction>>? actions = null) =>
        _actions = actions ?? ((_, _, _) => []);

    public List<(DateTimeOffset Now, EvaluationFocus? Focus, FleetSnapshot Snapshot)> Calls { get; } = [];

    public Plan Evaluate(Policy policy, FleetSnapshot snapshot, DateTimeOffset now, EvaluationFocus? focus)
    {
        Calls.Add((now, focus, snapshot));
        return new Plan
        {
            PolicyName = policy.Name,
            Mode = policy.Mode,
            EvaluatedAt = now,
            Actions = _actions(snapshot, now, focus),
            Alerts = [],
            Deferred = [],
            Accounts = [],
            Memory = snapshot.Memory,
        };
    }

    public static PlannedAction Stop(FleetSnapshot snapshot, string instance) => new()
    {
        Action = ActionKind.Stop,
        Reason = ActionReason.Idle,
        Instance = snapshot.Accounts.SelectMany(a => a.Instances).Single(i => i.Id == instance),
        Detail = "scripted",
    };
}
