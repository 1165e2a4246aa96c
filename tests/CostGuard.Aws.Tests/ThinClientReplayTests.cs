using Amazon.Runtime;
using CostGuard.Aws.CloudWatch;
using CostGuard.Aws.CostExplorer;
using CostGuard.Aws.Endpoints;
using CostGuard.Aws.Http;
using CostGuard.Aws.Support;
using CostGuard.Aws.Testing;
using CostGuard.Ports;

namespace CostGuard.Aws;

/// <summary>The thin clients against the recorded payloads of CLOUD-WIRE-FORMATS.md, verbatim.</summary>
public sealed class ThinClientReplayTests
{
    private static readonly ImmutableCredentials Credentials = new(FakeAwsCloud.BaseAccessKey, FakeAwsCloud.BaseSecretKey, "session-token");

    [Fact]
    public async Task GetMetricData_RecordedPages_MergesResultsAcrossNextToken()
    {
        await using var aws = new AwsHarness();
        aws.Server.Script(r => r.Operation == "GetMetricData" && !r.Body.Contains("NextToken", StringComparison.Ordinal), FakeReply.Recorded("cloudwatch/GetMetricData.json", "application/x-amz-json-1.0"));
        aws.Server.Script(r => r.Operation == "GetMetricData" && r.Body.Contains("\"NextToken\":\"eyJuZXh0IjoiMSJ9\"", StringComparison.Ordinal), FakeReply.Recorded("cloudwatch/GetMetricData-LastPage.json", "application/x-amz-json-1.0"));
        var client = new CloudWatchClient(Json(aws), Endpoints(aws));
        MetricQuery[] queries =
        [
            new("cpu", "AWS/EC2", "CPUUtilization", [new("InstanceId", "i-0abc")], 300, "Average"),
            new("gpu0", "CWAgent", "nvidia_smi_utilization_gpu", [new("InstanceId", "i-0abc")], 300, "Maximum"),
        ];

        var data = await client.GetMetricDataAsync("us-east-1", Credentials, queries, DateTimeOffset.FromUnixTimeSeconds(1768474800), DateTimeOffset.FromUnixTimeSeconds(1768478400), CancellationToken.None);

        Assert.Equal([3.21, 2.87, 4.02, 5.5], data["cpu"].Select(p => p.Value));
        Assert.Equal([1768474800L, 1768475100L, 1768475400L], data["gpu0"].Select(p => p.Epoch));
        var request = aws.Server.Requests[0];
        Assert.Equal("monitoring", request.Service);
        Assert.Equal("session-token", request.SecurityToken);
        Assert.Contains("\"StartTime\":1768474800,\"EndTime\":1768478400,\"ScanBy\":\"TimestampAscending\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCostAndUsage_RecordedPayload_ParsesDecimalStringsPerDay()
    {
        await using var aws = new AwsHarness();
        var recorded = Payloads.Read("ce/GetCostAndUsage.json");
        aws.Server.Script(r => r.Operation == "GetCostAndUsage" && !r.Body.Contains("NextPageToken", StringComparison.Ordinal), new FakeReply(200, "application/x-amz-json-1.1", recorded));
        aws.Server.Script(r => r.Operation == "GetCostAndUsage", new FakeReply(200, "application/x-amz-json-1.1", """{"ResultsByTime":[],"GroupDefinitions":[]}"""));
        var client = new CostExplorerClient(Json(aws), Endpoints(aws));

        var rows = await client.GetDailyCostAsync(new CostQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 15), ["p4d", "g5"], ["111122223333"], null), Credentials, CancellationToken.None);

        Assert.Equal([786.4321m, 12.05m, 412.8m], rows.Select(r => r.Usd));
        Assert.Equal([new DateOnly(2026, 1, 13), new DateOnly(2026, 1, 13), new DateOnly(2026, 1, 14)], rows.Select(r => r.Day));
        Assert.All(rows, r => Assert.Equal("111122223333", r.Account));
        Assert.Contains("\"NextPageToken\":\"AAMA-EXAMPLE-TOKEN\"", aws.Server.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCostAndUsage_NamespacedErrorType_SurfacesBareCode()
    {
        await using var aws = new AwsHarness();
        aws.Server.Script("GetCostAndUsage", new FakeReply(400, "application/x-amz-json-1.1", """{"__type":"com.amazon.ce#AccessDeniedException:http://internal","message":"no"}"""));
        var client = new CostExplorerClient(Json(aws), Endpoints(aws));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => client.GetDailyCostAsync(
            new CostQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 15), ["p4d"], ["111122223333"], null), Credentials, CancellationToken.None));

        Assert.Equal("AccessDeniedException", error.Code);
        Assert.Equal(1, aws.Server.Count("GetCostAndUsage"));
    }

    [Fact]
    public async Task GetCostAndUsage_ServerErrorEveryAttempt_GivesUpAfterThreeAttempts()
    {
        await using var aws = new AwsHarness();
        aws.Server.Script("GetCostAndUsage", new FakeReply(503, "application/x-amz-json-1.1", """{"__type":"ServiceUnavailableException","Message":"down"}"""), times: 5);
        var client = new CostExplorerClient(Json(aws), Endpoints(aws));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => client.GetDailyCostAsync(
            new CostQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 15), ["p4d"], ["111122223333"], null), Credentials, CancellationToken.None));

        Assert.Equal("ServiceUnavailableException", error.Code);
        Assert.Equal(3, aws.Server.Count("GetCostAndUsage"));
        Assert.Equal(2, aws.Delays.Count);
        Assert.All(aws.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Endpoints_ServiceSpecificOverride_WinsOverGeneric()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1/", ["AWS_ENDPOINT_URL_COST_EXPLORER"] = "http://127.0.0.1:2/" };
        var endpoints = new AwsEndpoints(n => env.GetValueOrDefault(n));

        Assert.Equal(new Uri("http://127.0.0.1:2/"), endpoints.For(AwsService.CostExplorer, "eu-west-1"));
        Assert.Equal(new Uri("http://127.0.0.1:1/"), endpoints.For(AwsService.CloudWatch, "eu-west-1"));
        Assert.Equal(new Uri("https://monitoring.eu-west-1.amazonaws.com/"), new AwsEndpoints(_ => null).For(AwsService.CloudWatch, "eu-west-1"));
        Assert.Equal(new Uri("https://ce.us-east-1.amazonaws.com/"), new AwsEndpoints(_ => null).For(AwsService.CostExplorer, "eu-west-1"));
    }

    private static AwsJsonClient Json(AwsHarness aws) =>
        new(new HttpClient(), 3, aws.RetryClock, aws.Time, new ApiRequestCounter());

    private static AwsEndpoints Endpoints(AwsHarness aws) => new(n => n == "AWS_ENDPOINT_URL" ? aws.Server.Endpoint.ToString() : null);
}
