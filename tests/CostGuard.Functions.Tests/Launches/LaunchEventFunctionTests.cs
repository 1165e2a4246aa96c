using System.Net;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Functions.Launches;

/// <summary>Launch enforcement through the function classes, on Azurite and the loopback AWS fake.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LaunchEventFunctionTests(AzuriteFixture azurite) : LaunchAppTestBase(azurite)
{
    [Fact]
    public async Task Events_HundredConcurrentLaunches_ExactlyEighteenKeepRunningWithOneReadAndAtMostOneActionEach()
    {
        var ids = Enumerable.Range(1, 100).Select(i => $"i-{i:x17}").ToList();
        ids.ForEach(id => Launch(id));
        var posted = await Task.WhenAll(ids.Select(id => Task.Run(() => PostAsync(Body(id)))));
        Assert.All(posted, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var messages = await DrainEventsAsync();
        var describes = Aws.Count("DescribeInstances");

        await Task.WhenAll(messages.Select(m => Task.Run(() => ProcessAsync(m))));

        // $21.96/h each under a $400/h cap: 18 make $395.28/h, a 19th would make $417.24/h.
        var ledger = await LedgerAsync();
        Assert.Equal(100, messages.Count);
        Assert.Equal(395.28m, ledger!.BurnUsdPerHour);
        Assert.Equal(18, Cloud.Instances.Count(i => i.State == "running"));
        Assert.Equal(82, Cloud.Instances.Count(i => i.State is "stopping" or "stopped"));
        Assert.Equal(100, Aws.Count("DescribeInstances") - describes);
        Assert.Equal(82, Aws.Count("StopInstances"));
        Assert.Equal(0, Aws.Count("CreateTags"));
    }

    [Fact]
    public async Task Events_HundredConcurrentLaunchesOverTwoInstances_ExactlyEighteenKeepRunningAndReplayChangesNothing()
    {
        // Two workers, each with its own ledger object (its own per-account turns) over the same table: updates
        // within an instance take turns, the two instances race on the ETag.
        var second = App.NewInstance();
        var ids = Enumerable.Range(1, 100).Select(i => $"i-{i:x17}").ToList();
        ids.ForEach(id => Launch(id));
        foreach (var id in ids)
        {
            await PostAsync(Body(id));
        }

        var messages = await DrainEventsAsync();
        Task Process(string message, bool onSecond) => App.Create<LaunchEventFunction>(onSecond ? second : null).RunAsync(message, CancellationToken.None);

        await Task.WhenAll(messages.Select((m, i) => Task.Run(() => Process(m, i % 2 == 1))));
        var ledger = await LedgerAsync();
        var stops = Aws.Count("StopInstances");

        // Every event redelivered, to the other instance than the first time.
        await Task.WhenAll(messages.Select((m, i) => Task.Run(() => Process(m, i % 2 == 0))));

        var replayed = await LedgerAsync();
        Assert.Equal(100, messages.Count);
        Assert.Equal(395.28m, ledger!.BurnUsdPerHour);
        Assert.Equal(18, Cloud.Instances.Count(i => i.State == "running"));
        Assert.Equal(82, Cloud.Instances.Count(i => i.State is "stopping" or "stopped"));
        Assert.Equal(82, stops);
        Assert.Equal(stops, Aws.Count("StopInstances"));
        Assert.Equal(ledger.Entries, replayed!.Entries);
        Assert.Equal(0, Aws.Count("CreateTags"));
    }

    [Fact]
    public async Task Events_ReplayedMessages_ChangeNothing()
    {
        var ids = Enumerable.Range(1, 20).Select(i => $"i-{i:x17}").ToList();
        ids.ForEach(id => Launch(id, "p5.48xlarge"));
        foreach (var id in ids)
        {
            await PostAsync(Body(id));
        }

        var messages = await DrainEventsAsync();
        foreach (var message in messages)
        {
            await ProcessAsync(message);
        }

        var before = await LedgerAsync();
        var stops = Aws.Count("StopInstances");

        await Task.WhenAll(messages.Concat(messages).Select(m => Task.Run(() => ProcessAsync(m))));

        var after = await LedgerAsync();
        Assert.Equal(stops, Aws.Count("StopInstances"));
        Assert.Equal(0, Aws.Count("CreateTags"));
        Assert.Equal(before!.Entries, after!.Entries);
        Assert.Equal(before.BurnUsdPerHour, after.BurnUsdPerHour);
    }

    [Fact]
    public async Task Post_WrongOrMissingKey_401AndNothingQueued()
    {
        Launch("i-00000000000000001");

        var wrong = await PostAsync(Body("i-00000000000000001"), key: "not-the-key");
        var missing = await PostAsync(Body("i-00000000000000001"), key: null);
        var empty = await PostAsync(Body("i-00000000000000001"), key: string.Empty);

        Assert.All([wrong, missing, empty], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.DoesNotContain(ApiKey, wrong.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", wrong.Text, StringComparison.Ordinal);
        Assert.Empty(await DrainEventsAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_TenMegabyteBody_413WithOrWithoutContentLength(bool sendLength)
    {
        var body = new MemoryStream(new byte[10 * 1024 * 1024]);

        var response = await PostAsync(body, sendLength: sendLength);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await DrainEventsAsync());
    }

    [Theory]
    [InlineData("{ \"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\", \"account\": \"1111", "body")]
    [InlineData("{ \"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\", \"account\": \"111111111111\", \"region\": \"us-east-1\", \"detail\": { \"state\": \"running\" } }", "detail.instance-id")]
    [InlineData("{ \"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\", \"account\": \"abc\", \"region\": \"us-east-1\", \"detail\": {} }", "account")]
    [InlineData("[1, 2, 3]", "body")]
    [InlineData("", "body")]
    public async Task Post_MalformedBody_400NamingTheField(string body, string field)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"field\":\"{field}\"", response.Text, StringComparison.Ordinal);
        Assert.Empty(await DrainEventsAsync());
    }

    [Fact]
    public async Task Post_UnknownEventType_202IgnoredNotQueued()
    {
        var response = await PostAsync(Body("i-00000000000000001", detailType: "EC2 Spot Instance Interruption Warning"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"status\":\"ignored\"", response.Text, StringComparison.Ordinal);
        Assert.Contains("unhandled-event", response.Text, StringComparison.Ordinal);
        Assert.Empty(await DrainEventsAsync());
    }

    [Fact]
    public async Task Post_AccountNoPolicyGuards_202IgnoredNotQueued()
    {
        var response = await PostAsync(Body("i-00000000000000001", account: "999999999999"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("not-in-scope", response.Text, StringComparison.Ordinal);
        Assert.Empty(await DrainEventsAsync());
    }

    [Fact]
    public async Task Post_NotUtf8_400NeverAServerError()
    {
        var response = await PostAsync(new MemoryStream([0x7B, 0xFF, 0xFE, 0x7D]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Process_MalformedQueueMessage_DroppedWithoutThrowing()
    {
        await ProcessAsync("{ this is not json");
        await ProcessAsync("{\"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\"}");

        Assert.Equal(0, Aws.Count("StopInstances"));
    }
}
