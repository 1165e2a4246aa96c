using CostGuard.Fleet;
using CostGuard.Hosting;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using CostGuard.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Fanout;

/// <summary>The fan-out services (scheduler, catalog, account sweep, poison handler) over hand-written in-memory ports.</summary>
internal sealed class FanoutHarness
{
    public const string A = "111122223333";
    public const string B = "444455556666";
    public const string Blob = "fanout.json";
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 2, 0, TimeSpan.Zero);

    public FanoutHarness()
    {
        Lock = new InMemoryAccountLock(Time);
        Aws.Reads[A] = account => Read(account, Instance("i-a-idle", A, 0), Instance("i-a-busy", A, 90));
        Aws.Reads[B] = account => Read(account, Instance("i-b-idle", B, 0));
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public InMemoryPolicySource Source { get; } = new();

    public InMemoryPolicyVersionStore Versions { get; } = new();

    public InMemorySweepLedger Ledger { get; } = new();

    public InMemorySweepQueue Queue { get; } = new();

    public InMemoryAccountLock Lock { get; }

    public InMemorySweepHealthStore Health { get; } = new();

    public InMemoryAccountStatusStore Status { get; } = new();

    public InMemorySweepBudget Budget { get; } = new();

    public InMemoryStateStore State { get; } = new();

    public FakeFleetProvider Aws { get; } = new(CloudKind.Aws);

    public RecordingNotifier Notifier { get; } = new();

    public GuardOptions Options { get; } = new();

    /// <summary>A policy with both accounts, an idle rule and the given extra top-level members (e.g. a safety limit).</summary>
    public static string PolicyJson(string extra = "", bool idle = true) => $$"""
        {
          "name": "fanout-test",
          "mode": "enforce",
          "accounts": [
            { "cloud": "aws", "id": "{{A}}", "regions": ["us-east-1"] },
            { "cloud": "aws", "id": "{{B}}", "regions": ["us-east-1"] }
          ]{{(idle ? ",\n  \"idle\": { \"window\": \"PT30M\", \"gpuUtilBelow\": 5 }" : string.Empty)}}{{extra}}
        }
        """;

    /// <summary>A fresh catalog (its own parse cache, as a second Functions instance has) over the shared stores.</summary>
    public PolicyCatalog Catalog() => new(Source, Versions, new PolicyCache(), Notifier, NullLogger<PolicyCatalog>.Instance);

    public SweepScheduler Scheduler() => new(Catalog(), Ledger, Queue, Time, NullLogger<SweepScheduler>.Instance);

    public AccountSweepService AccountSweeps(ICloudFleetProvider? provider = null) => new(
        Catalog(),
        Lock,
        Queue,
        Health,
        Status,
        () => new GuardSweep([provider ?? Aws], State, Notifier, Time),
        Budget,
        Notifier,
        new CostGuardMetrics(),
        Time,
        Microsoft.Extensions.Options.Options.Create(Options),
        NullLogger<AccountSweepService>.Instance);

    public PoisonSweepHandler Poison() => new(Catalog(), Health, Notifier, Time, NullLogger<PoisonSweepHandler>.Instance);

    /// <summary>Uploads a policy and lets one tick record it, returning the messages that tick enqueued.</summary>
    public async Task<IReadOnlyList<SweepMessage>> UploadAndTickAsync(string json)
    {
        Source.Blobs[Blob] = json;
        return (await Scheduler().TickAsync(CancellationToken.None)).Enqueued;
    }

    public static AccountReadResult Read(AccountScope account, params InstanceSnapshot[] instances) => new()
    {
        Account = account,
        Complete = true,
        Snapshot = new AccountSnapshot { Cloud = CloudKind.Aws, Id = account.Id, Instances = instances },
    };

    private static InstanceSnapshot Instance(string id, string account, double gpu) => new()
    {
        Cloud = CloudKind.Aws,
        Account = account,
        Region = "us-east-1",
        Id = id,
        Type = "g5.xlarge",
        State = InstanceState.Running,
        LaunchTime = Now.AddHours(-3),
        UsdPerHour = 1.006m,
        Samples = Enumerable.Range(0, 13).Select(i => new UtilizationSample(Now.AddMinutes(-60 + (5 * i)), gpu, 10)).ToList(),
    };
}
