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
        // The simulator lends the snapshot for this call only (it reuses it for the next sweep): keep a copy.
        Calls.Add((now, focus, Copy(snapshot)));
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

    private static FleetSnapshot Copy(FleetSnapshot snapshot) => snapshot with
    {
        Accounts = snapshot.Accounts
            .Select(a => a with { Instances = a.Instances.Select(i => i with { Samples = i.Samples.ToArray() }).ToArray() })
            .ToArray(),
    };

    public static PlannedAction Stop(FleetSnapshot snapshot, string instance) => new()
    {
        Action = ActionKind.Stop,
        Reason = ActionReason.Idle,
        Instance = snapshot.Accounts.SelectMany(a => a.Instances).Single(i => i.Id == instance),
        Detail = "scripted",
    };
}
