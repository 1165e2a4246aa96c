using CostGuard.Launches.Events;
using CostGuard.Policies;

namespace CostGuard.Launches;

public sealed class EventBridgeParserTests
{
    private readonly LaunchEventReader _reader = new([new EventBridgeParser()]);

    [Fact]
    public void Read_RunningStateChange_ReturnsLaunch()
    {
        var parsed = Assert.Single(_reader.Read(LaunchFixtures.EventBridge("i-0123456789abcdef0")));

        var launch = Assert.IsType<LaunchEvent>(parsed.Launch);
        Assert.Equal((CloudKind.Aws, "111122223333", "us-east-1", "i-0123456789abcdef0", "running"), (launch.Cloud, launch.Account, launch.Region, launch.InstanceId, launch.State));
        Assert.Equal("7bf73129-1428-4cd3-a780-95db273d1602", launch.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 19, 29, 0, TimeSpan.Zero), launch.Time);
    }

    [Theory]
    [InlineData("\"source\": \"aws.ec2\",", "", "source")]
    [InlineData("\"account\": \"111122223333\"", "\"account\": \"1111\"", "account")]
    [InlineData("\"region\": \"us-east-1\"", "\"region\": 7", "region")]
    [InlineData("\"instance-id\": \"i-0123456789abcdef0\"", "\"instance-id\": \"vm-1\"", "detail.instance-id")]
    [InlineData("\"state\": \"running\"", "\"state\": \"exploded\"", "detail.state")]
    [InlineData("\"state\": \"running\"", "\"nothing\": 1", "detail.state")]
    [InlineData("\"time\": \"2026-11-26T19:29:00Z\"", "\"time\": \"yesterday\"", "time")]
    [InlineData("\"detail-type\": \"EC2 Instance State-change Notification\"", "\"detail-type\": []", "detail-type")]
    public void Read_BadField_ThrowsNamingTheField(string from, string to, string field)
    {
        var body = LaunchFixtures.EventBridge("i-0123456789abcdef0").Replace(from, to, StringComparison.Ordinal);

        var error = Assert.Throws<EventFormatException>(() => _reader.Read(body));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Read_MissingDetail_ThrowsNamingDetail()
    {
        var body = """{ "source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification", "account": "111122223333", "region": "us-east-1" }""";

        Assert.Equal("detail", Assert.Throws<EventFormatException>(() => _reader.Read(body)).Field);
    }

    [Fact]
    public void Read_TruncatedJson_ThrowsBodyError()
    {
        var body = LaunchFixtures.EventBridge("i-0123456789abcdef0")[..80];

        var error = Assert.Throws<EventFormatException>(() => _reader.Read(body));

        Assert.Equal("body", error.Field);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BodyOver256KiB_ThrowsBodyError()
    {
        var body = LaunchFixtures.EventBridge("i-0123456789abcdef0").Replace("\"version\": \"0\"", "\"version\": \"" + new string('x', EventLimits.MaxBodyBytes) + "\"", StringComparison.Ordinal);

        var error = Assert.Throws<EventFormatException>(() => _reader.Read(body));

        Assert.Equal("body", error.Field);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stopping")]
    [InlineData("pending")]
    public void Read_StateOtherThanRunning_IsIgnoredNotAnError(string state)
    {
        var parsed = Assert.Single(_reader.Read(LaunchFixtures.EventBridge("i-0123456789abcdef0", state)));

        Assert.Null(parsed.Launch);
        Assert.Equal(LaunchReasons.NotRunning, parsed.IgnoredReason);
    }

    [Fact]
    public void Read_OtherDetailType_IsIgnoredAsUnhandled()
    {
        var parsed = Assert.Single(_reader.Read(LaunchFixtures.EventBridge("i-0123456789abcdef0", detailType: "EC2 Spot Instance Interruption Warning")));

        Assert.Null(parsed.Launch);
        Assert.Equal(LaunchReasons.UnhandledEvent, parsed.IgnoredReason);
        Assert.Equal("EC2 Spot Instance Interruption Warning", parsed.Type);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"hello\": 1}")]
    public void Read_NotAnEvent_ThrowsBodyError(string body) =>
        Assert.Equal("body", Assert.Throws<EventFormatException>(() => _reader.Read(body)).Field);

    [Fact]
    public void Read_EventGridWithoutAzureParser_ThrowsBodyError()
    {
        var body = """[{ "id": "1", "eventType": "Microsoft.Resources.ResourceWriteSuccess", "subject": "/x", "data": {}, "eventTime": "2026-11-26T19:29:00Z", "dataVersion": "1" }]""";

        Assert.Contains("no parser", Assert.Throws<EventFormatException>(() => _reader.Read(body)).Message, StringComparison.Ordinal);
    }
}
