using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Simulation.World;

/// <summary>
/// One account's running totals. Money accrues as USD x ticks (burn in USD/hour times elapsed ticks), which
/// is exact in decimal; it becomes USD only when read.
/// </summary>
internal sealed class SimAccount
{
    private readonly Dictionary<string, decimal> _userBurn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _dayByUser = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dayActiveUsers = new(StringComparer.Ordinal);
    private readonly List<DailyUsage> _days = [];
    private IReadOnlyList<DailyUsage> _daysView = [];
    private decimal _totalWithout;
    private decimal _totalWith;
    private decimal _monthToDate;
    private decimal _dayWith;

    // Burn the guard avoids, and what it has saved so far, by the rule that took each instance down (USD x ticks).
    private readonly decimal[] _savedBurnByReason = new decimal[ReasonCount];
    private readonly decimal[] _savedByReason = new decimal[ReasonCount];
    private decimal _savedBurn;

    private static readonly int ReasonCount = Enum.GetValues<ActionReason>().Length;

    public SimAccount(CloudKind cloud, string id, bool inScope)
    {
        Cloud = cloud;
        Id = id;
        InScope = inScope;
    }

    public CloudKind Cloud { get; }

    public string Id { get; }

    public bool InScope { get; }

    public List<SimInstance> Instances { get; } = [];

    public List<TimelinePoint> Points { get; } = [];

    /// <summary>The instance list handed to the engine, refilled for each evaluation.</summary>
    public List<InstanceSnapshot> SnapshotBuffer { get; } = [];

    public decimal BurnWithout { get; private set; }

    public decimal BurnWith { get; private set; }

    public decimal SpendWithoutUsd => _totalWithout / TimeSpan.TicksPerHour;

    public decimal SpendWithUsd => _totalWith / TimeSpan.TicksPerHour;

    public decimal MonthToDateUsd => _monthToDate / TimeSpan.TicksPerHour;

    /// <summary>Closed whole UTC days inside the trace, oldest first.</summary>
    public IReadOnlyList<DailyUsage> Days => _daysView;

    public void AddOpeningSpend(decimal usd) => _monthToDate += usd * TimeSpan.TicksPerHour;

    /// <summary>Days that closed before this account first appeared still count, with zero spend.</summary>
    public void BackfillZeroDays(IEnumerable<DateOnly> days)
    {
        foreach (var day in days)
        {
            _days.Add(new DailyUsage { Day = day, SpendUsd = 0, ActiveUsers = 0 });
        }

        _daysView = _days.ToArray();
    }

    /// <summary>USD saved so far by the stops of <paramref name="reason"/> in this account.</summary>
    public decimal SavedUsd(ActionReason reason) => _savedByReason[(int)reason] / TimeSpan.TicksPerHour;

    public void Bill(SimInstance instance, bool without, bool with, decimal price, string user)
    {
        if (instance.BilledSavedFor is { } was)
        {
            _savedBurnByReason[(int)was] -= instance.BilledPrice;
            _savedBurn -= instance.BilledPrice;
        }

        instance.BilledSavedFor = without && !with ? instance.DownReason : null;
        if (instance.BilledSavedFor is { } now)
        {
            _savedBurnByReason[(int)now] += price;
            _savedBurn += price;
        }

        if (instance.BillsWithout)
        {
            BurnWithout -= instance.BilledPrice;
        }

        if (instance.BillsWith)
        {
            BurnWith -= instance.BilledPrice;
            var left = _userBurn[instance.BilledUser] - instance.BilledPrice;
            if (left == 0)
            {
                _userBurn.Remove(instance.BilledUser);
            }
            else
            {
                _userBurn[instance.BilledUser] = left;
            }
        }

        instance.BillsWithout = without;
        instance.BillsWith = with;
        instance.BilledPrice = price;
        instance.BilledUser = user;
        if (without)
        {
            BurnWithout += price;
        }

        if (with)
        {
            BurnWith += price;
            _userBurn[user] = _userBurn.GetValueOrDefault(user) + price;
        }
    }

    public void Accrue(long ticks)
    {
        if (_savedBurn != 0)
        {
            for (var i = 0; i < _savedBurnByReason.Length; i++)
            {
                _savedByReason[i] += _savedBurnByReason[i] * ticks;
            }
        }

        if (BurnWithout != 0)
        {
            _totalWithout += BurnWithout * ticks;
        }

        if (BurnWith == 0)
        {
            return;
        }

        var cost = BurnWith * ticks;
        _totalWith += cost;
        _monthToDate += cost;
        _dayWith += cost;
        foreach (var pair in _userBurn)
        {
            _dayByUser[pair.Key] = _dayByUser.GetValueOrDefault(pair.Key) + (pair.Value * ticks);
        }
    }

    public void MarkActiveUser(string user)
    {
        if (user.Length > 0)
        {
            _dayActiveUsers.Add(user);
        }
    }

    /// <summary>Ends the current UTC day; <paramref name="record"/> is false for the partial first day of the trace.</summary>
    public void CloseDay(DateOnly day, bool record)
    {
        if (record)
        {
            _days.Add(new DailyUsage
            {
                Day = day,
                SpendUsd = _dayWith / TimeSpan.TicksPerHour,
                ActiveUsers = _dayActiveUsers.Count,
                SpendByUser = _dayByUser.ToDictionary(p => p.Key, p => p.Value / TimeSpan.TicksPerHour, StringComparer.Ordinal),
            });
            _daysView = _days.ToArray();
        }

        _dayWith = 0;
        _dayByUser.Clear();
        _dayActiveUsers.Clear();
    }

    public void ResetMonth() => _monthToDate = 0;

    public void RecordPoint(DateTimeOffset time) =>
        Points.Add(new TimelinePoint(time, SpendWithoutUsd, SpendWithUsd, BurnWithout, BurnWith));
}
