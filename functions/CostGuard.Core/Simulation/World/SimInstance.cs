using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Simulation.Trace;

namespace CostGuard.Simulation.World;

/// <summary>
/// One instance in the simulated world: what the trace last said about it, plus what the guard did to it
/// (a stop or termination that outlives later trace rows, and tags that merge under the trace's tags).
/// </summary>
internal sealed class SimInstance
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
    private readonly SampleWindow _samples = new();
    private Dictionary<string, string>? _guardTags;
    private InstanceSnapshot? _snapshot;
    private string? _user;

    public SimInstance(SimAccount account, string id)
    {
        Account = account;
        Id = id;
    }

    public SimAccount Account { get; }

    public string Id { get; }

    public string Region { get; private set; } = "";

    public string Type { get; private set; } = "";

    public TraceState TraceState { get; private set; }

    /// <summary>The trace state at this instance's previous row time (null before its first row): decides launches.</summary>
    public TraceState? StateBeforeLastTime { get; private set; }

    public DateTimeOffset LastRowTime { get; private set; }

    public bool Seen { get; private set; }

    public decimal UsdPerHour { get; private set; }

    public double? GpuPercent { get; private set; }

    public DateTimeOffset LaunchTime { get; private set; }

    public IReadOnlyDictionary<string, string> TraceTags { get; private set; } = NoTags;

    public IReadOnlyDictionary<string, string> Tags { get; private set; } = NoTags;

    /// <summary>Stopped or Terminated once the guard has acted; the instance then stays down.</summary>
    public InstanceState? GuardDown { get; private set; }

    // What this instance currently adds to its account's burn (so changes can be undone exactly).
    public bool BillsWithout { get; set; }

    public bool BillsWith { get; set; }

    public decimal BilledPrice { get; set; }

    public string BilledUser { get; set; } = "";

    /// <summary>The rule whose stop this instance's price currently counts as saved for (null while not saved).</summary>
    public ActionReason? BilledSavedFor { get; set; }

    public bool Touched { get; set; }

    /// <summary>The type string <see cref="IsGpuType"/> was decided for (the policy's GPU selector, cached).</summary>
    public string? GpuCheckedType { get; set; }

    public bool IsGpuType { get; set; }

    /// <summary>Action keys planned for this instance at the last evaluation that covered it (dry-run reporting).</summary>
    public HashSet<PlannedActionKey>? Planned { get; set; }

    /// <summary>Stop/terminate records still waiting for the instance's next active time.</summary>
    public List<ActionRecord>? AwaitingActive { get; set; }

    public bool IsRunningInTrace => TraceState == TraceState.Running;

    /// <summary>Gone from the simulated world: terminated by the trace or by the guard.</summary>
    public bool IsGone => TraceState == TraceState.Terminated || GuardDown == InstanceState.Terminated;

    public bool IsRunningWithGuard => IsRunningInTrace && GuardDown is null;

    public bool IsActive(double threshold) => IsRunningInTrace && GpuPercent >= threshold;

    public void Apply(in TraceRow row, TimeSpan window)
    {
        if (!Seen || row.Time != LastRowTime)
        {
            StateBeforeLastTime = Seen ? TraceState : null;
        }

        var launch = row.State == TraceState.Running && StateBeforeLastTime != TraceState.Running;
        var launchTime = launch || !Seen ? row.Time : LaunchTime;

        // Most rows only add a sample, which the snapshot sees through its live window: it is rebuilt only
        // when something else about the instance changed.
        if (!Seen
            || launchTime != LaunchTime
            || row.State != TraceState
            || row.UsdPerHour != UsdPerHour
            || !string.Equals(row.Region, Region, StringComparison.Ordinal)
            || !string.Equals(row.Type, Type, StringComparison.Ordinal))
        {
            _snapshot = null;
        }

        LaunchTime = launchTime;
        Seen = true;
        LastRowTime = row.Time;
        Region = row.Region;
        Type = row.Type;
        TraceState = row.State;
        UsdPerHour = row.UsdPerHour;
        GpuPercent = row.GpuPercent;
        if (!ReferenceEquals(TraceTags, row.Tags))
        {
            TraceTags = row.Tags;
            MergeTags();
        }

        // Keep the sample in effect at the window start (the last one at or before it) and every later one.
        _samples.Add(new UtilizationSample(row.Time, row.GpuPercent, row.CpuPercent));
        _samples.TrimBefore(row.Time - window);
    }

    /// <summary>True when this row time makes a launch: running, and not running (or unseen) at the previous row time.</summary>
    public bool IsLaunchAt(DateTimeOffset time) =>
        LastRowTime == time && TraceState == TraceState.Running && StateBeforeLastTime != TraceState.Running;

    /// <summary>The reason of the action that first took the instance down: its savings count for that rule.</summary>
    public ActionReason? DownReason { get; private set; }

    public void GuardStop(bool terminate, ActionReason reason)
    {
        DownReason ??= reason;
        GuardDown = terminate ? InstanceState.Terminated : InstanceState.Stopped;
        _snapshot = null;
    }

    public void GuardTag(string key, string value)
    {
        _guardTags ??= new Dictionary<string, string>(StringComparer.Ordinal);
        _guardTags[key] = value;
        MergeTags();
    }

    public void GuardUntag(string key)
    {
        if (_guardTags is not null && _guardTags.Remove(key))
        {
            MergeTags();
        }
    }

    /// <summary>The user the instance's cost is attributed to ("" without the tag); cached until the tags change.</summary>
    public string User(string userTag) => _user ??= Tag(userTag) ?? "";

    /// <summary>Tag value by key, case-insensitively, as the engine reads tags.</summary>
    public string? Tag(string key)
    {
        if (Tags.TryGetValue(key, out var value))
        {
            return value;
        }

        // Tags are a Dictionary almost always: its struct enumerator spares an allocation per lookup that misses.
        if (Tags is Dictionary<string, string> dictionary)
        {
            foreach (var pair in dictionary)
            {
                if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return null;
        }

        foreach (var pair in Tags)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The engine's view of this instance, reused across evaluations until a field other than the samples changes.
    /// Its <see cref="InstanceSnapshot.Samples"/> is the live window: valid for the evaluation it is handed to.
    /// </summary>
    public InstanceSnapshot Snapshot() => _snapshot ??= new InstanceSnapshot
    {
        Cloud = Account.Cloud,
        Account = Account.Id,
        Region = Region,
        Id = Id,
        Type = Type,
        State = GuardDown ?? TraceState switch
        {
            TraceState.Running => InstanceState.Running,
            TraceState.Stopped => InstanceState.Stopped,
            _ => InstanceState.Terminated,
        },
        LaunchTime = LaunchTime,
        Tags = Tags,
        UsdPerHour = UsdPerHour,
        Samples = _samples,
    };

    private void MergeTags()
    {
        // Guard tags persist, and the trace's own tags win where both set a key.
        if (_guardTags is null || _guardTags.Count == 0)
        {
            Tags = TraceTags;
        }
        else
        {
            var merged = new Dictionary<string, string>(_guardTags, StringComparer.Ordinal);
            foreach (var pair in TraceTags)
            {
                merged[pair.Key] = pair.Value;
            }

            Tags = merged;
        }

        _snapshot = null;
        _user = null;
    }
}
