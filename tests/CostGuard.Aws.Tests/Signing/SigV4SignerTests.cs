using System.Text;
using Amazon.Runtime;
using CostGuard.Aws.Signing;

namespace CostGuard.Aws.Signing;

/// <summary>The published vectors of CLOUD-WIRE-FORMATS.md §2 and §4.1.</summary>
public sealed class SigV4SignerTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset CeTime = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_GetVanilla_MatchesAwsSuite()
    {
        var headers = new Dictionary<string, string>();
        SigV4Signer.Sign(headers, new Uri("https://example.amazonaws.com/"), "GET", [], new ImmutableCredentials("AKIDEXAMPLE", Secret, null),
            "us-east-1", "service", new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            headers["Authorization"]);
    }

    [Fact]
    public void Sign_CostExplorerJson_MatchesVector()
    {
        var headers = CeHeaders();
        SigV4Signer.Sign(headers, new Uri("https://ce.us-east-1.amazonaws.com/"), "POST", CeBody(), new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "ce", CeTime);

        Assert.EndsWith("SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=6c9c1ef1e1eaf2fbe8fdb6653aa8915a333eac8931455554577a7e452207d867", headers["Authorization"]);
        Assert.Equal("20260115T120000Z", headers["X-Amz-Date"]);
        Assert.False(headers.ContainsKey("X-Amz-Security-Token"));
    }

    [Fact]
    public void Sign_SessionCredentials_SignsAndSendsSecurityToken()
    {
        var headers = CeHeaders();
        SigV4Signer.Sign(headers, new Uri("https://ce.us-east-1.amazonaws.com/"), "POST", CeBody(),
            new ImmutableCredentials("ASIAIOSFODNN7EXAMPLE", Secret, "IQoJb3JpZ2luX2VjEXAMPLETOKEN"), "us-east-1", "ce", CeTime);

        Assert.Equal("IQoJb3JpZ2luX2VjEXAMPLETOKEN", headers["X-Amz-Security-Token"]);
        Assert.EndsWith("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=31fe335eeadfd9cb9057dc1844ea01bf25c28071917f9e57135ab16089d0ee7f", headers["Authorization"]);
    }

    [Fact]
    public void Sign_Ec2FormPost_MatchesVector()
    {
        var body = Encoding.UTF8.GetBytes("Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.2.Name=tag%3ACostGuard&Filter.2.Value.1=enabled&MaxResults=100");
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8" };
        SigV4Signer.Sign(headers, new Uri("https://ec2.us-east-1.amazonaws.com/"), "POST", body, new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "ec2", CeTime);

        Assert.EndsWith("SignedHeaders=content-type;host;x-amz-date, Signature=f139f593eb768177088fdfc1338672e5536b89366f77abd8b79393163e8a5717", headers["Authorization"]);
    }

    [Fact]
    public void Sign_LoopbackWithPort_SignsHostWithPort()
    {
        var headers = CeHeaders();
        SigV4Signer.Sign(headers, new Uri("http://127.0.0.1:4566/"), "POST", CeBody(), new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "ce", CeTime);
        var other = CeHeaders();
        SigV4Signer.Sign(other, new Uri("http://127.0.0.1/"), "POST", CeBody(), new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "ce", CeTime);

        Assert.NotEqual(headers["Authorization"], other["Authorization"]);
    }

    private static Dictionary<string, string> CeHeaders() => new()
    {
        ["Content-Type"] = "application/x-amz-json-1.1",
        ["X-Amz-Target"] = "AWSInsightsIndexService.GetCostAndUsage",
    };

    private static byte[] CeBody() =>
        Encoding.UTF8.GetBytes("""{"TimePeriod":{"Start":"2026-01-01","End":"2026-02-01"},"Granularity":"MONTHLY","Metrics":["UnblendedCost"]}""");
}
