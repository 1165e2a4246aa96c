using System.Diagnostics;
using Amazon.Runtime;
using CostGuard.Aws;
using CostGuard.Aws.Launches;
using CostGuard.Aws.Testing;
using CostGuard.Launches;
using CostGuard.Launches.Events;
using CostGuard.Policies;
using CostGuard.Ports;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CostGuard.State;
using CostGuard.Storage;
using CostGuard.Storage.Launches;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Benchmarks;

/// <summary>
/// 100 concurrent EC2 launches of one account ($21.96/h each, cap $400/h) through the launch processor: the real SDK
/// against the loopback fake AWS, on the SQLite burn ledger (a fresh file per round, as after a sweep) or the Table
/// Storage one on Azurite (a fresh table per round), where concurrent updates race on the ETag and retry.
/// </summary>
internal sealed class LaunchFleet : IAsyncDisposable
{
    public const string Account = "111111111111";
    public const int Launches = 100;
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 2, 0, TimeSpan.Zero);

    private readonly List<string> _files = [];
    private readonly LedgerStore _store;
    private AzuriteServer? _azurite;

    private LaunchFleet(LedgerStore store)
    {
        _store = store;
        Cloud = new FakeAwsCloud(() => Now) { BaseAccount = Account };
        Server = new FakeAwsServer(Cloud);
        Policy = new Policy
        {
            Name = "bench-launch",
            Mode = PolicyMode.Enforce,
            Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = Account, Regions = ["us-east-1"] }],
            SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 400m },
        };
    }

    /// <summary>A fleet on the given ledger store; for <see cref="LedgerStore.Table"/> starts Azurite (found as the storage tests find it).</summary>
    public static async Task<LaunchFleet> CreateAsync(LedgerStore store)
    {
        var fleet = new LaunchFleet(store);
        if (store == LedgerStore.Table)
        {
            fleet._azurite = await AzuriteServer.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return fleet;
    }

    public FakeAwsCloud Cloud { get; }

    public FakeAwsServer Server { get; }

    public Policy Policy { get; }

    /// <summary>One round: fresh instances and ledger, then every event processed at once.</summary>
    public async Task<LaunchRound> RunAsync()
    {
        var round = Guid.NewGuid().ToString("N")[..6];
        var ids = Enumerable.Range(1, Launches).Select(i => $"i-{round}{i:x11}").ToList();
        foreach (var id in ids)
        {
            Cloud.Add(new FakeInstance { Id = id, Account = Account, Region = "us-east-1", Type = "p4d.24xlarge", LaunchTime = Now.AddMinutes(-1) });
        }

        var ledger = await OpenLedgerAsync().ConfigureAwait(false);
        await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<bool>(new BurnLedgerState { Cloud = CloudKind.Aws, Account = Account, SyncedAt = Now, MonthToDateAsOf = Now }, true), CancellationToken.None).ConfigureAwait(false);

        var requests = new ApiRequestCounter();
        var reader = new AwsInstanceReader(new AwsProviderSettings
        {
            GetVariable = name => name == "AWS_ENDPOINT_URL" ? Server.Endpoint.ToString() : null,
            BillingCache = new NoBillingCache(),
            Requests = requests,
            Credentials = () => new BasicAWSCredentials(FakeAwsCloud.BaseAccessKey, FakeAwsCloud.BaseSecretKey),
        });
        var processor = new LaunchProcessor([reader], [], ledger, null, null, new FakeTimeProvider(Now));
        var parser = new EventBridgeParser();
        var events = ids.Select(id => parser.Parse(Body(id))[0]).ToList();

        var clock = Stopwatch.StartNew();
        var lastEnqueued = TimeSpan.Zero;
        var tasks = new List<Task<(LaunchResult Result, TimeSpan DecidedAt)>>(events.Count);
        foreach (var parsed in events)
        {
            tasks.Add(Task.Run(async () =>
            {
                var result = await processor.ProcessAsync(Policy, parsed, CancellationToken.None).ConfigureAwait(false);
                return (result, clock.Elapsed);
            }));
            lastEnqueued = clock.Elapsed;
        }

        var done = await Task.WhenAll(tasks).ConfigureAwait(false);
        var counts = requests.Snapshot();
        return new LaunchRound(
            _store,
            done.Select(d => d.Result).ToList(),
            done.Max(d => d.DecidedAt) - lastEnqueued,
            counts.GetValueOrDefault("ec2:DescribeInstances"),
            counts.GetValueOrDefault("ec2:StopInstances") + counts.GetValueOrDefault("ec2:CreateTags"));
    }

    private async Task<IBurnLedger> OpenLedgerAsync()
    {
        if (_azurite is { } azurite)
        {
            var storage = new StorageAccount(
                new TableServiceClient(azurite.ConnectionString),
                new BlobServiceClient(azurite.ConnectionString),
                new TableStateOptions { TablePrefix = "bench" + Guid.NewGuid().ToString("N")[..10] });
            return new TableBurnLedger(storage);
        }

        var file = Path.Combine(Path.GetTempPath(), $"costguard-launch-bench-{Guid.NewGuid():N}.db");
        _files.Add(file);
        return await SqliteBurnLedger.OpenAsync(file, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var file in _files)
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private static string Body(string id) => $$"""
        { "version": "0", "id": "e-{{id}}", "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
          "account": "{{Account}}", "time": "2026-01-15T12:01:30Z", "region": "us-east-1", "resources": [],
          "detail": { "instance-id": "{{id}}", "state": "running" } }
        """;

    private sealed class NoBillingCache : IBillingCache
    {
        public Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult<CachedBilling?>(null);

        public Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
