namespace CostGuard.Aws.Testing;

/// <summary>A scripted reply (usually an error) the fake sends instead of its normal answer.</summary>
public sealed record FakeReply(int Status, string ContentType, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeReply Ec2Error(int status, string payloadFile) => new(status, "text/xml;charset=UTF-8", Payloads.Read(payloadFile));

    public static FakeReply Recorded(string payloadFile, string contentType) => new(200, contentType, Payloads.Read(payloadFile));
}
