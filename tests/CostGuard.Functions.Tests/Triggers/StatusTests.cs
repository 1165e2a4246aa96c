using System.Net;
using System.Text.Json;
using CostGuard.Aws.Testing;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Functions.Triggers;

/// <summary>The status endpoint and page after a fanned-out sweep where one account fails.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusTests(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public async Task Status_AfterASweep_JsonPerPolicyAndAccountWithHealthAndActions()
    {
        await SweepFleetWithAccountCDownAsync();
        Time.Advance(TimeSpan.FromMinutes(2));

        var response = await GetAsync<StatusFunction>("status", (f, r) => f.RunAsync(r, CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(response.Text);
        var policy = Assert.Single(doc.RootElement.GetProperty("policies").EnumerateArray());
        Assert.Equal("fleet-fixture", policy.GetProperty("name").GetString());
        var accounts = policy.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!);
        Assert.Equal(3, accounts.Count);
        var b = accounts[FleetFixture.B];
        Assert.False(b.GetProperty("stale").GetBoolean());
        Assert.Equal(120, b.GetProperty("lastSuccessAgeSeconds").GetInt64());
        Assert.Equal(1000m, b.GetProperty("monthlyUsd").GetDecimal());
        var mtd = b.GetProperty("monthToDate");
        Assert.Equal("2026-01-13T00:00:00Z", mtd.GetProperty("billedThrough").GetString());
        Assert.Equal(mtd.GetProperty("totalUsd").GetDecimal(), mtd.GetProperty("billedUsd").GetDecimal() + mtd.GetProperty("liveSinceUsd").GetDecimal());
        var c = accounts[FleetFixture.C];
        Assert.True(c.GetProperty("stale").GetBoolean());
        Assert.Equal(1, c.GetProperty("failuresInARow").GetInt32());
        Assert.Contains("InternalError", c.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var actions = doc.RootElement.GetProperty("actions").EnumerateArray().ToList();
        Assert.InRange(actions.Count, 1, 50);
        Assert.Contains(actions, a => a.GetProperty("action").GetString() == "stop" && a.GetProperty("instance").GetString() == "i-b1-busy");
    }

    [Fact]
    public async Task StatusPage_AfterASweep_SelfContainedHtmlThatRendersInChromium()
    {
        await SweepFleetWithAccountCDownAsync();

        var response = await GetAsync<StatusPageFunction>("status/page", (f, r) => f.RunAsync(r, CancellationToken.None));

        var html = response.Text;
        Assert.StartsWith("text/html", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<tr class=\"stale\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"bar\"", html, StringComparison.Ordinal);
        Assert.Contains("i-b1-busy", html, StringComparison.Ordinal);

        var directory = Path.Combine(AppContext.BaseDirectory, "status-page");
        Directory.CreateDirectory(directory);
        var htmlFile = Path.Combine(directory, "status.html");
        var pngFile = Path.Combine(directory, "status.png");
        File.Delete(pngFile);
        await File.WriteAllTextAsync(htmlFile, html);
        var log = await Chromium.ScreenshotAsync(htmlFile, pngFile);
        Assert.True(File.Exists(pngFile), log);
        Assert.True(new FileInfo(pngFile).Length > 10_000, log);
    }

    private async Task SweepFleetWithAccountCDownAsync()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        Aws.Script(r => r.Operation == "DescribeInstances" && r.AccessKey == "ASIA" + FleetFixture.C, FakeAwsCloud.Ec2Error(500, "InternalError", "An internal error has occurred."), times: 1000);
        await TickAsync();
        foreach (var message in await App.DrainQueueAsync())
        {
            await SweepAsync(message);
        }
    }

    private async Task<TestHttpResponse> GetAsync<TFunction>(string route, Func<TFunction, Microsoft.Azure.Functions.Worker.Http.HttpRequestData, Task<Microsoft.Azure.Functions.Worker.Http.HttpResponseData>> call)
    {
        var request = new TestHttpRequest(new TestFunctionContext("http-1"), $"http://localhost:7071/api/{route}");
        return (TestHttpResponse)await call(App.Create<TFunction>(), request);
    }
}
