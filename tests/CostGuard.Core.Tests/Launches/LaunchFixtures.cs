using System.Globalization;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Launches;

/// <summary>Policies, instances and EventBridge payloads for launch tests.</summary>
internal static class LaunchFixtures
{
    public const string Account = "111122223333";
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

    public static Policy Policy(decimal? burnCap = 400m, decimal? monthly = null, OrphanRule? orphans = null, ExemptionRule? exemptions = null) => new()
    {
        Name = "launch-test",
        Mode = PolicyMode.Enforce,
        Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = Account, Regions = ["us-east-1"] }],
        SpendCap = new SpendCapRule { MaxHourlyBurnUsd = burnCap, MonthlyUsd = monthly },
        Orphans = orphans,
        Exemptions = exemptions,
    };

    public static InstanceSnapshot Gpu(string id, decimal price, DateTimeOffset? launched = null, IReadOnlyDictionary<string, string>? tags = null, string type = "p4d.24xlarge") => new()
    {
        Cloud = CloudKind.Aws,
        Account = Account,
        Region = "us-east-1",
        Id = id,
        Type = type,
        State = InstanceState.Running,
        LaunchTime = launched ?? Now.AddMinutes(-1),
        UsdPerHour = price,
        Tags = tags ?? new Dictionary<string, string> { ["owner"] = "ada", ["cost-center"] = "ml" },
    };

    /// <summary>A fresh ledger (synced now) holding the given running instances.</summary>
    public static BurnLedgerState Ledger(params (string Id, decimal Price)[] running) => new()
    {
        Cloud = CloudKind.Aws,
        Account = Account,
        SyncedAt = Now.AddMinutes(-2),
        MonthToDateAsOf = Now.AddMinutes(-2),
        Entries = running.Select(r => new LedgerEntry
        {
            InstanceId = r.Id,
            UsdPerHour = r.Price,
            LaunchTime = Now.AddHours(-3),
            Status = LedgerEntryStatus.Running,
            Origin = LedgerEntryOrigin.Inventory,
            RecordedAt = Now.AddMinutes(-2),
        }).ToList(),
    };

    public static string InstanceId(int n) => "i-" + n.ToString("x17", CultureInfo.InvariantCulture);

    public static string EventBridge(string instanceId, string state = "running", string account = Account, string detailType = "EC2 Instance State-change Notification") =>
        $$"""
        {
          "version": "0",
          "id": "7bf73129-1428-4cd3-a780-95db273d1602",
          "detail-type": "{{detailType}}",
          "source": "aws.ec2",
          "account": "{{account}}",
          "time": "2026-11-26T19:29:00Z",
          "region": "us-east-1",
          "resources": ["arn:aws:ec2:us-east-1:{{account}}:instance/{{instanceId}}"],
          "detail": { "instance-id": "{{instanceId}}", "state": "{{state}}" }
        }
        """;
}
