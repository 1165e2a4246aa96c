using System.Text;
using Azure.Storage.Queues;
using CostGuard.Aws.Testing;
using CostGuard.Functions.Support;
using CostGuard.Launches;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Functions.Launches;

/// <summary>One AWS account (cap $400/h) behind the loopback fake, the app over Azurite, and helpers to post and process events.</summary>
public abstract class LaunchAppTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    internal const string Account = "111111111111";
    internal const string ApiKey = "test-key-9f8e7d6c5b4a";

    internal FakeTimeProvider Time { get; } = new(FleetFixture.Now);

    internal FakeAwsCloud Cloud { get; private set; } = null!;

    internal FakeAwsServer Aws { get; private set; } = null!;

    internal AppHarness App { get; private set; } = null!;

    internal QueueClient EventQueue => new(azurite.ConnectionString, StorageNames.EventQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        Cloud = new FakeAwsCloud(() => Time.GetUtcNow()) { BaseAccount = Account };
        Aws = new FakeAwsServer(Cloud);
        App = await AppHarness.StartAsync(azurite, Time, Aws, new Dictionary<string, string?> { [EventBridgeIntake.ApiKeySetting] = ApiKey }, ConfigureServices);
        await App.UploadPolicyAsync("launch.json", """
            {
              "name": "launch-guard",
              "mode": "enforce",
              "accounts": [ { "cloud": "aws", "id": "111111111111", "regions": ["us-east-1"] } ],
              "spendCap": { "maxHourlyBurnUsd": 400 }
            }
            """);

        // A sweep of the (still empty) account: the policy is in force and the ledger is fresh.
        await App.Create<Triggers.SweepSchedulerFunction>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        foreach (var message in await App.DrainQueueAsync())
        {
            await App.Create<Triggers.AccountSweepFunction>().RunAsync(message, new TestFunctionContext("sweep"), CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Aws.DisposeAsync();
    }

    /// <summary>Test services added to the app after its own (e.g. the rebuild wait's pause, to observe waiters).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    internal void Launch(string id, string type = "p4d.24xlarge") => Cloud.Add(new FakeInstance
    {
        Id = id,
        Account = Account,
        Region = "us-east-1",
        Type = type,
        LaunchTime = FleetFixture.Now.AddMinutes(-1),
        Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "ada" },
    });

    internal static string Body(string id, string account = Account, string detailType = "EC2 Instance State-change Notification") => $$"""
        { "version": "0", "id": "e-{{id}}", "detail-type": "{{detailType}}", "source": "aws.ec2",
          "account": "{{account}}", "time": "2026-01-15T12:01:30Z", "region": "us-east-1", "resources": [],
          "detail": { "instance-id": "{{id}}", "state": "running" } }
        """;

    internal Task<TestHttpResponse> PostAsync(string body, string? key = ApiKey, bool sendLength = true) =>
        PostAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), key, sendLength);

    internal async Task<TestHttpResponse> PostAsync(Stream body, string? key = ApiKey, bool sendLength = true)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        if (key is not null)
        {
            headers[EventBridgeIntake.ApiKeyHeader] = key;
        }

        if (sendLength && body.CanSeek)
        {
            headers["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var request = new TestPostRequest(new TestFunctionContext("post"), "https://app.example/api/events/aws", body, headers);
        return (TestHttpResponse)await App.Create<EventBridgeFunction>().RunAsync(request, CancellationToken.None);
    }

    /// <summary>Takes every message off the events queue, as the trigger would.</summary>
    internal async Task<List<string>> DrainEventsAsync()
    {
        var texts = new List<string>();
        if (!(await EventQueue.ExistsAsync()).Value)
        {
            return texts;
        }

        while (true)
        {
            var batch = (await EventQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return texts;
            }

            foreach (var message in batch)
            {
                texts.Add(message.MessageText);
                await EventQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    internal Task ProcessAsync(string message) => App.Create<LaunchEventFunction>().RunAsync(message, CancellationToken.None);

    internal Task<BurnLedgerState?> LedgerAsync() => App.Services.GetRequiredService<IBurnLedger>().ReadAsync(CloudKind.Aws, Account, CancellationToken.None);
}
