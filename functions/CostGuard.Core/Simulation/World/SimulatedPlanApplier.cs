using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Simulation.World;

/// <summary>
/// Builds the engine's snapshot from the simulated world, evaluates, and applies the plan: enforce applies
/// and reports every action; dry-run applies nothing and reports each planned action once while it stays planned.
/// </summary>
internal sealed class SimulatedPlanApplier
{
    private readonly Policy _policy;
    private readonly PlanEvaluator _evaluator;
    private readonly double _activeAt;
    private readonly Action<SimInstance> _rebill;
    private readonly IReadOnlyDictionary<(CloudKind, string, string), SimInstance> _instances;
    private readonly HashSet<SimInstance> _withPlanned = [];
    private GuardMemory _memory = GuardMemory.Empty;

    public SimulatedPlanApplier(
        Policy policy,
        PlanEvaluator evaluator,
        double activeAt,
        IReadOnlyDictionary<(CloudKind, string, string), SimInstance> instances,
        Action<SimInstance> rebill)
    {
        _instances = instances;
        _policy = policy;
        _evaluator = evaluator;
        _activeAt = activeAt;
        _rebill = rebill;
    }

    public List<ActionRecord> Actions { get; } = [];

    public List<SimulatedAlert> Alerts { get; } = [];

    /// <summary>
    /// Evaluates at <paramref name="now"/>; with <paramref name="focus"/> (instances launched at this second, at
    /// least one), acts on those only, in one evaluation.
    /// </summary>
    public void Evaluate(IReadOnlyList<SimAccount> accounts, DateTimeOffset now, IReadOnlyList<SimInstance>? focus)
    {
        var snapshots = new List<AccountSnapshot>(accounts.Count);
        foreach (var account in accounts)
        {
            if (account.InScope)
            {
                snapshots.Add(Snapshot(account, now));
            }
        }

        if (snapshots.Count == 0)
        {
            return;
        }

        var plan = _evaluator(
            _policy,
            new FleetSnapshot { Accounts = snapshots, Memory = _memory },
            now,
            focus is null ? null : EvaluationFocus.Of(focus.Select(f => new EvaluationFocus(f.Account.Cloud, f.Account.Id, f.Id)).ToList()));
        _memory = plan.Memory;
        foreach (var alert in plan.Alerts)
        {
            Alerts.Add(new SimulatedAlert(now, alert.Kind, alert.Severity, alert.Cloud, alert.Account, alert.Message));
        }

        var plannedNow = new Dictionary<SimInstance, HashSet<PlannedActionKey>>();
        foreach (var action in plan.Actions)
        {
            var target = action.Instance;
            if (!_instances.TryGetValue((target.Cloud, target.Account, target.Id), out var instance)
                || instance.IsGone
                || !instance.Account.InScope
                || (focus is not null && !focus.Contains(instance)))
            {
                continue;
            }

            var key = new PlannedActionKey(action.Action, action.TagKey);
            if (_policy.Mode == PolicyMode.DryRun)
            {
                if (!plannedNow.TryGetValue(instance, out var keys))
                {
                    plannedNow[instance] = keys = [];
                }

                keys.Add(key);
                if (instance.Planned?.Contains(key) == true)
                {
                    continue;
                }

                Report(action, instance, now);
            }
            else
            {
                Report(action, instance, now);
                Apply(action, instance);
            }
        }

        if (_policy.Mode == PolicyMode.DryRun)
        {
            RememberPlanned(plannedNow, focus);
        }
    }

    /// <summary>A row showed the instance active: every stop still waiting learns its next-active time.</summary>
    public static void NoteActive(SimInstance instance, DateTimeOffset time)
    {
        if (instance.AwaitingActive is { } waiting)
        {
            foreach (var record in waiting)
            {
                record.NextActiveAt = time;
            }

            instance.AwaitingActive = null;
        }
    }

    private void RememberPlanned(Dictionary<SimInstance, HashSet<PlannedActionKey>> plannedNow, IReadOnlyList<SimInstance>? focus)
    {
        // A sweep covers every instance, a launch evaluation only the launched ones.
        var covered = focus is null ? _withPlanned.ToList() : focus.Where(f => f.Planned is not null).ToList();
        foreach (var instance in covered)
        {
            if (!plannedNow.ContainsKey(instance))
            {
                instance.Planned = null;
                _withPlanned.Remove(instance);
            }
        }

        foreach (var (instance, keys) in plannedNow)
        {
            instance.Planned = keys;
            _withPlanned.Add(instance);
        }
    }

    private void Report(PlannedAction action, SimInstance instance, DateTimeOffset now)
    {
        var record = new ActionRecord(new SimulatedAction
        {
            Time = now,
            Cloud = instance.Account.Cloud,
            Account = instance.Account.Id,
            Region = instance.Region,
            Instance = instance.Id,
            Action = action.Action,
            Reason = action.Reason,
            Detail = action.Detail,
            TagKey = action.TagKey,
            TagValue = action.TagValue,
        }, action.IsDisruptive && instance.IsRunningWithGuard);
        Actions.Add(record);
        if (!action.IsDisruptive)
        {
            return;
        }

        // Work in progress at the very moment of the stop counts as next active right away.
        if (instance.IsActive(_activeAt))
        {
            record.NextActiveAt = now;
        }
        else
        {
            (instance.AwaitingActive ??= []).Add(record);
        }
    }

    private void Apply(PlannedAction action, SimInstance instance)
    {
        switch (action.Action)
        {
            case ActionKind.Stop:
            case ActionKind.Terminate:
                instance.GuardStop(action.Action == ActionKind.Terminate, action.Reason);
                break;
            case ActionKind.Tag when action.TagKey is not null:
                instance.GuardTag(action.TagKey, action.TagValue ?? "");
                break;
            case ActionKind.Untag when action.TagKey is not null:
                instance.GuardUntag(action.TagKey);
                break;
            default:
                return;
        }

        _rebill(instance);
    }

    private static AccountSnapshot Snapshot(SimAccount account, DateTimeOffset now)
    {
        // The engine keeps nothing of a snapshot past the evaluation, so each account refills one list per sweep.
        var instances = account.SnapshotBuffer;
        instances.Clear();
        foreach (var instance in account.Instances)
        {
            if (!instance.IsGone)
            {
                instances.Add(instance.Snapshot());
            }
        }

        return new AccountSnapshot
        {
            Cloud = account.Cloud,
            Id = account.Id,
            MonthToDateUsd = account.MonthToDateUsd,
            SpendAsOf = now,
            Instances = instances,
            DailyUsage = account.Days,
        };
    }
}
