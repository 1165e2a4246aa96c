using CsCheck;
using CostGuard.Launches.Events;

namespace CostGuard.Launches;

public sealed class EventParserFuzzTests
{
    private static readonly LaunchEventReader Reader = new([new EventBridgeParser()]);

    [Fact]
    public void Read_ArbitraryText_ThrowsOnlyEventFormatException() =>
        Gen.String.Sample(body => NeverThrowsOtherThanFormatError(body), iter: 5_000);

    [Fact]
    public void Read_MutatedValidEvent_ThrowsOnlyEventFormatException()
    {
        var valid = LaunchFixtures.EventBridge("i-0123456789abcdef0");
        var mutation = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, 40], Gen.String[0, 12], (at, cut, insert) => (at, cut, insert));

        mutation.Sample(m =>
        {
            var cut = Math.Min(m.cut, valid.Length - m.at);
            NeverThrowsOtherThanFormatError(valid.Remove(m.at, cut).Insert(m.at, m.insert));
        }, iter: 5_000);
    }

    [Fact]
    public void Read_DeeplyNestedJson_ThrowsOnlyEventFormatException()
    {
        var body = "{\"source\":\"aws.ec2\",\"detail\":" + new string('[', 5_000) + new string(']', 5_000) + "}";

        Assert.Equal("body", Assert.Throws<EventFormatException>(() => Reader.Read(body)).Field);
    }

    private static void NeverThrowsOtherThanFormatError(string body)
    {
        try
        {
            Reader.Read(body);
        }
        catch (EventFormatException)
        {
        }
    }
}
