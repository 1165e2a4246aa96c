using System.Text.Json.Nodes;
using CostGuard.Json;
using CostGuard.Policies;
using CostGuard.Policies.Loading;

namespace CostGuard.Fleet.Loading;

/// <summary>Maps the snapshot JSON format onto <see cref="FleetSnapshot"/>, reporting every problem with its pointer.</summary>
internal sealed class SnapshotReader
{
    private static readonly Dictionary<string, CloudKind> Clouds = new(StringComparer.Ordinal)
    {
        ["aws"] = CloudKind.Aws,
        ["azure"] = CloudKind.Azure,
    };

    private static readonly Dictionary<string, InstanceState> States = new(StringComparer.Ordinal)
    {
        ["pending"] = InstanceState.Pending,
        ["running"] = InstanceState.Running,
        ["powered-off"] = InstanceState.PoweredOff,
        ["stopping"] = InstanceState.Stopping,
        ["stopped"] = InstanceState.Stopped,
        ["terminated"] = InstanceState.Terminated,
    };

    private readonly JsonFieldReader _read = new();

    public IReadOnlyList<JsonIssue> Issues => _read.Issues;

    public FleetSnapshot? Read(JsonNode? root)
    {
        if (_read.Object(root, string.Empty, "a fleet snapshot") is not { } snapshot)
        {
            return null;
        }

        _read.RejectUnknown(snapshot, string.Empty, "$schema", "description", "accounts");
        var accounts = new List<AccountSnapshot>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var list = _read.Array(snapshot, string.Empty, "accounts", required: true) ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var pointer = JsonPointers.Append("/accounts", i);
            if (ReadAccount(list[i], pointer) is not { } account)
            {
                continue;
            }

            var key = $"{account.Cloud}:{account.Id}";
            if (seen.TryGetValue(key, out var first))
            {
                _read.Add(pointer + "/id", $"account {account.Id} appears twice (first at $.accounts[{first}]); put all its instances in one entry");
                continue;
            }

            seen[key] = i;
            accounts.Add(account);
        }

        return new FleetSnapshot { Accounts = accounts };
    }

    private AccountSnapshot? ReadAccount(JsonNode? node, string pointer)
    {
        if (_read.Object(node, pointer, "an account") is not { } obj)
        {
            return null;
        }

        _read.RejectUnknown(obj, pointer, "cloud", "id", "monthToDateUsd", "spendAsOf", "instances", "dailyUsage");
        var cloud = _read.Choice(obj, pointer, "cloud", required: true, Clouds);
        var id = _read.String(obj, pointer, "id", required: true);
        if (cloud is { } c && id is not null && AccountIds.Problem(c == CloudKind.Aws ? "aws" : "azure", id) is { } problem)
        {
            _read.Add(pointer + "/id", problem);
        }

        var monthToDate = _read.Decimal(obj, pointer, "monthToDateUsd", required: false) ?? 0m;
        var spendAsOf = _read.ZonedTime(obj, pointer, "spendAsOf", required: false);
        var instances = new List<InstanceSnapshot>();
        var instanceIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var instanceList = _read.Array(obj, pointer, "instances", required: true) ?? [];
        for (var i = 0; i < instanceList.Count; i++)
        {
            var at = JsonPointers.Append(pointer + "/instances", i);
            if (JsonRead.String(JsonRead.Object(instanceList[i])?["id"]) is { } rawId)
            {
                if (instanceIds.TryGetValue(rawId, out var first))
                {
                    _read.Add(at + "/id", $"instance {rawId} appears twice in this account (first at index {first}); list each instance once");
                    continue;
                }

                instanceIds[rawId] = i;
            }

            if (ReadInstance(instanceList[i], at, cloud ?? CloudKind.Aws, id ?? string.Empty) is { } instance)
            {
                instances.Add(instance);
            }
        }

        var usage = new List<DailyUsage>();
        var usageList = _read.Array(obj, pointer, "dailyUsage", required: false) ?? [];
        for (var d = 0; d < usageList.Count; d++)
        {
            if (ReadDailyUsage(usageList[d], JsonPointers.Append(pointer + "/dailyUsage", d)) is { } day)
            {
                usage.Add(day);
            }
        }

        if (cloud is null || id is null)
        {
            return null;
        }

        return new AccountSnapshot
        {
            Cloud = cloud.Value,
            Id = id,
            MonthToDateUsd = monthToDate,
            SpendAsOf = spendAsOf,
            Instances = instances,
            DailyUsage = usage.OrderBy(u => u.Day).ToList(),
        };
    }

    private InstanceSnapshot? ReadInstance(JsonNode? node, string pointer, CloudKind cloud, string account)
    {
        if (_read.Object(node, pointer, "an instance") is not { } obj)
        {
            return null;
        }

        _read.RejectUnknown(obj, pointer, "id", "region", "type", "state", "launchTime", "tags", "usdPerHour", "spot", "samples");
        var id = _read.String(obj, pointer, "id", required: true);
        var region = _read.String(obj, pointer, "region", required: true);
        var type = _read.String(obj, pointer, "type", required: true);
        var state = _read.Choice(obj, pointer, "state", required: true, States);
        var launchTime = _read.ZonedTime(obj, pointer, "launchTime", required: true);
        var tags = _read.StringMap(obj, pointer, "tags");
        var usdPerHour = _read.Decimal(obj, pointer, "usdPerHour", required: false) ?? 0m;
        var spot = _read.Boolean(obj, pointer, "spot", required: false) ?? false;
        var samples = new List<UtilizationSample>();
        var sampleList = _read.Array(obj, pointer, "samples", required: false) ?? [];
        for (var s = 0; s < sampleList.Count; s++)
        {
            var at = JsonPointers.Append(pointer + "/samples", s);
            if (_read.Object(sampleList[s], at, "a sample { \"time\", \"gpu\", \"cpu\" }") is not { } sample)
            {
                continue;
            }

            _read.RejectUnknown(sample, at, "time", "gpu", "cpu");
            var time = _read.ZonedTime(sample, at, "time", required: true);
            var gpu = _read.OptionalPercent(sample, at, "gpu");
            var cpu = _read.OptionalPercent(sample, at, "cpu");
            if (time is { } t)
            {
                samples.Add(new UtilizationSample(t, gpu, cpu));
            }
        }

        if (id is null || region is null || type is null || state is null || launchTime is null)
        {
            return null;
        }

        return new InstanceSnapshot
        {
            Cloud = cloud,
            Account = account,
            Region = region,
            Id = id,
            Type = type,
            State = state.Value,
            LaunchTime = launchTime.Value,
            Tags = tags,
            UsdPerHour = usdPerHour,
            Spot = spot,

            // The engine walks samples in time order; files written by hand or merged from exports may not be.
            Samples = samples.OrderBy(x => x.Time).ToList(),
        };
    }

    private DailyUsage? ReadDailyUsage(JsonNode? node, string pointer)
    {
        if (_read.Object(node, pointer, "a day of usage") is not { } obj)
        {
            return null;
        }

        _read.RejectUnknown(obj, pointer, "day", "spendUsd", "activeUsers", "spendByUser");
        var day = _read.Day(obj, pointer, "day", required: true);
        var spend = _read.Decimal(obj, pointer, "spendUsd", required: true);
        var users = _read.Integer(obj, pointer, "activeUsers", required: true);
        var byUser = _read.DecimalMap(obj, pointer, "spendByUser");
        if (day is null || spend is null || users is null)
        {
            return null;
        }

        return new DailyUsage { Day = day.Value, SpendUsd = spend.Value, ActiveUsers = users.Value, SpendByUser = byUser };
    }
}
