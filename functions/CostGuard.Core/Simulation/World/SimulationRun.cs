using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Simulation.Trace;

namespace CostGuard.Simulation.World;

/// <summary>
/// One pass over a trace in time order: applies rows, accrues cost between times, sweeps every
/// sweepInterval from the trace start and evaluates each launch, and applies plans to the simulated world.
/// </summary>
internal sealed class SimulationRun
{
    private readonly Policy _policy;
    private readonly SimulationOptions _options;
    private readonly SimulatedPlanApplier _applier;
    private readonly TimeSpan _window;
    private readonly double _activeAt;
    private readonly string _userTag;
    private readonly Dictionary<(CloudKind, string, string), SimInstance> _instances = [];
    private readonly Dictionary<(CloudKind, string), SimAccount> _accounts = [];

    // The reader shares one string per distinct id, so most rows find their instance by reference alone.
    private readonly Dictionary<string, SimInstance> _byIdReference = new(ReferenceEqualityComparer.Instance);
    private readonly List<SimAccount> _accountList = [];
    private readonly List<SimInstance> _touched = [];
    private readonly List<DateOnly> _closedDays = [];
    private readonly Dictionary<(CloudKind, string), bool> _gpuTypes = [];
    private bool _started;
    private DateTimeOffset _start;
    private DateTimeOffset _now;
    private DateTimeOffset _nextSweep;
    private long _rows;

    public SimulationRun(Policy policy, SimulationOptions options, PlanEvaluator evaluator)
    {
        _policy = policy;
        _options = options;
        _window = policy.Idle?.Window ?? TimeSpan.FromMinutes(30);
        _activeAt = policy.Idle?.GpuUtilBelow ?? 5;
        _userTag = policy.Anomaly?.UserTag ?? "owner";
        _applier = new SimulatedPlanApplier(policy, evaluator, _activeAt, _instances, Rebill);
    }

    public void Add(in TraceRow row)
    {
        if (!_started)
        {
            _started = true;
            _start = _now = _nextSweep = row.Time;
        }
        else if (row.Time > _now)
        {
            Flush();
            AdvanceTo(row.Time);
        }
        else if (row.Time < _now)
        {
            throw new TraceOutOfOrderException(row.Line);
        }

        _rows++;
        var instance = Instance(row);
        instance.Apply(row, _window);
        Rebill(instance);
        if (!instance.Touched)
        {
            instance.Touched = true;
            _touched.Add(instance);
        }
    }

    public SimulationResult Finish()
    {
        if (!_started)
        {
            throw new TraceFormatException(2, null, "the trace has a header but no rows");
        }

        Flush();
        foreach (var account in _accountList)
        {
            account.RecordPoint(_now);
        }

        var withoutGuard = _accountList.Sum(a => a.SpendWithoutUsd);
        var withGuard = _accountList.Sum(a => a.SpendWithUsd);
        var actions = _applier.Actions.Select(a => a.ToResult()).ToList();

        // Only a stop that took a running instance down can cut off work; reaping an already stopped one cannot.
        var disruptions = _applier.Actions
            .Where(a => a.TookDown && a.NextActiveAt is { } next && next <= a.Action.Time + _window)
            .Select(a => new Disruption(a.Action.Cloud, a.Action.Account, a.Action.Instance, a.Action.Time, a.NextActiveAt!.Value))
            .ToList();
        return new SimulationResult
        {
            PolicyName = _policy.Name,
            Mode = _policy.Mode,
            TraceStart = _start,
            TraceEnd = _now,
            Instances = _instances.Count,
            Rows = _rows,
            SpendWithoutUsd = withoutGuard,
            SpendWithUsd = withGuard,
            Actions = actions,
            Alerts = _applier.Alerts,
            Disruptions = disruptions,
            SavedUsdByReason = Enum.GetValues<ActionReason>().ToDictionary(r => r, r => _accountList.Sum(a => a.SavedUsd(r))),
            Accounts = _accountList.Select(a => new AccountTimeline
            {
                Cloud = a.Cloud,
                Account = a.Id,
                InScope = a.InScope,
                SpendWithoutUsd = a.SpendWithoutUsd,
                SpendWithUsd = a.SpendWithUsd,
                MaxHourlyBurnUsd = _policy.SpendCap?.For(a.Id).MaxHourlyBurnUsd,
                Points = a.Points,
                Days = a.Days,
            }).ToList(),
        };
    }

    /// <summary>Everything at the current time has been read: note activity, then evaluate once.</summary>
    private void Flush()
    {
        List<SimInstance>? launches = null;
        foreach (var instance in _touched)
        {
            instance.Touched = false;
            if (instance.IsActive(_activeAt))
            {
                SimulatedPlanApplier.NoteActive(instance, _now);
                if (instance.IsRunningWithGuard)
                {
                    instance.Account.MarkActiveUser(instance.BilledUser);
                }
            }

            if (instance.IsLaunchAt(_now) && instance.GuardDown is null && instance.Account.InScope)
            {
                (launches ??= []).Add(instance);
            }
        }

        _touched.Clear();
        if (_now == _nextSweep)
        {
            Sweep();
        }
        else if (launches is not null)
        {
            // Instances launched in the same second are one focused evaluation (the engine stops the newest first).
            _applier.Evaluate(_accountList, _now, launches);
        }
    }

    private void AdvanceTo(DateTimeOffset target)
    {
        while (_nextSweep < target)
        {
            AccrueTo(_nextSweep);
            Sweep();
        }

        AccrueTo(target);
    }

    private void Sweep()
    {
        _applier.Evaluate(_accountList, _now, null);
        _nextSweep += _policy.SweepInterval;
    }

    private void AccrueTo(DateTimeOffset target)
    {
        while (true)
        {
            var hour = new DateTimeOffset(_now.UtcTicks - (_now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);
            if (hour > target)
            {
                break;
            }

            Accrue(hour);
            if (hour.UtcTicks % TimeSpan.TicksPerDay == 0)
            {
                CloseDay(hour);
            }

            foreach (var account in _accountList)
            {
                account.RecordPoint(hour);
            }
        }

        Accrue(target);
    }

    private void Accrue(DateTimeOffset to)
    {
        var ticks = (to - _now).Ticks;
        if (ticks > 0)
        {
            foreach (var account in _accountList)
            {
                account.Accrue(ticks);
            }
        }

        _now = to;
    }

    private void CloseDay(DateTimeOffset midnight)
    {
        var dayStart = midnight.AddDays(-1);
        var whole = dayStart >= _start;
        var day = DateOnly.FromDateTime(dayStart.UtcDateTime);
        if (whole)
        {
            _closedDays.Add(day);
        }

        var newMonth = midnight.Day == 1;
        foreach (var account in _accountList)
        {
            account.CloseDay(day, whole);
            if (newMonth)
            {
                account.ResetMonth();
            }
        }

        // An instance already active at midnight counts for the new day: its sample holds into it.
        foreach (var instance in _instances.Values)
        {
            if (instance.IsRunningWithGuard && instance.IsActive(_activeAt))
            {
                instance.Account.MarkActiveUser(instance.BilledUser);
            }
        }
    }

    private SimInstance Instance(in TraceRow row)
    {
        if (_byIdReference.TryGetValue(row.Instance, out var known)
            && known.Account.Cloud == row.Cloud
            && ReferenceEquals(known.Account.Id, row.Account))
        {
            return known;
        }

        if (_instances.TryGetValue((row.Cloud, row.Account, row.Instance), out var existing))
        {
            _byIdReference[row.Instance] = existing;
            return existing;
        }

        if (!_accounts.TryGetValue((row.Cloud, row.Account), out var account))
        {
            account = new SimAccount(row.Cloud, row.Account, _policy.IsInScope(row.Cloud, row.Account));
            account.BackfillZeroDays(_closedDays);
            if (_options.OpeningSpendUsd.TryGetValue(row.Account, out var opening) && IsFirstMonth())
            {
                account.AddOpeningSpend(opening);
            }

            account.RecordPoint(_now);
            _accounts.Add((row.Cloud, row.Account), account);
            _accountList.Add(account);
        }

        var instance = new SimInstance(account, row.Instance);
        account.Instances.Add(instance);
        _instances.Add((row.Cloud, row.Account, row.Instance), instance);
        _byIdReference[row.Instance] = instance;
        return instance;
    }

    private bool IsFirstMonth() => IsoTimeMonth(_now) == IsoTimeMonth(_start);

    private static int IsoTimeMonth(DateTimeOffset time) => (time.UtcDateTime.Year * 12) + time.UtcDateTime.Month;

    /// <summary>Recomputes what an instance adds to its account's burn after a row or a guard action.</summary>
    private void Rebill(SimInstance instance)
    {
        // The reader shares one type string per instance, so a reference check usually spares the lookup.
        if (!ReferenceEquals(instance.Type, instance.GpuCheckedType))
        {
            var type = (instance.Account.Cloud, instance.Type);
            if (!_gpuTypes.TryGetValue(type, out var isGpu))
            {
                isGpu = _policy.Gpu.IsGpu(type.Cloud, type.Type);
                _gpuTypes[type] = isGpu;
            }

            instance.GpuCheckedType = instance.Type;
            instance.IsGpuType = isGpu;
        }

        var gpu = instance.IsGpuType;

        var without = gpu && instance.IsRunningInTrace;
        var with = without && instance.GuardDown is null;
        var user = instance.User(_userTag);
        if (without != instance.BillsWithout || with != instance.BillsWith || instance.UsdPerHour != instance.BilledPrice || !ReferenceEquals(user, instance.BilledUser))
        {
            instance.Account.Bill(instance, without, with, instance.UsdPerHour, user);
        }
    }
}
