using System.Net;
using System.Text.Json;
using CostGuard.Aws.Testing;
using CostGuard.Functions.Support;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Status_InventoryReadFailsAfterAGoodSweep_KeepsTheEarlierFiguresMarkedStaleAndTheLedgerUntouched()
    {
        // 12:02, every account reads: C has i-c1-exempt and i-c2-orphan (g5.xlarge, $1.006/h each); the orphan is stopped.
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await SweepAllAsync();
        var ledgers = App.Services.GetRequiredService<IBurnLedger>();
        var goodLedger = await ledgers.ReadAsync(CloudKind.Aws, FleetFixture.C, CancellationToken.None);
        Assert.Equal((FleetFixture.Now, 1.006m), (goodLedger!.SyncedAt, goodLedger.BurnUsdPerHour));

        // 12:07, C's DescribeInstances fails in both regions; 12:09, the status is read.
        Time.Advance(TimeSpan.FromMinutes(5));
        Aws.Script(r => r.Operation == "DescribeInstances" && r.AccessKey == "ASIA" + FleetFixture.C, FakeAwsCloud.Ec2Error(500, "InternalError", "An internal error has occurred."), times: 1000);
        await SweepAllAsync();
        Time.Advance(TimeSpan.FromMinutes(2));

        var c = Accounts(await GetAsync<StatusFunction>("status", (f, r) => f.RunAsync(r, CancellationToken.None), App.NewInstance()))[FleetFixture.C];
        Assert.Equal(2.012m, c.GetProperty("burnUsdPerHour").GetDecimal());
        Assert.Equal(("2026-01-15T12:02:00Z", "2026-01-15T12:07:00Z"), (c.GetProperty("figuresAsOf").GetString(), c.GetProperty("readFailedAt").GetString()));
        Assert.True(c.GetProperty("figuresStale").GetBoolean());
        Assert.True(c.GetProperty("stale").GetBoolean());
        Assert.Contains("InternalError", c.GetProperty("readError").GetString(), StringComparison.Ordinal);
        Assert.Equal((1, "2026-01-15T12:02:00Z"), (c.GetProperty("failuresInARow").GetInt32(), c.GetProperty("lastSuccessAt").GetString()));

        // $10 billed through Jan 15 00:00; live $4.02 at 12:02 (2 x $1.006/h since 10:02), then 7 min at the $1.006/h left running.
        var mtd = c.GetProperty("monthToDate");
        Assert.Equal((10m, 4.14m, 14.14m), (mtd.GetProperty("billedUsd").GetDecimal(), mtd.GetProperty("liveSinceUsd").GetDecimal(), mtd.GetProperty("totalUsd").GetDecimal()));
        Assert.Equal("i-c2-orphan", Assert.Single(c.GetProperty("orphanMarks").EnumerateArray()).GetProperty("instance").GetString());
        Assert.Equal("i-c1-exempt", Assert.Single(c.GetProperty("exemptionsExpiring").EnumerateArray()).GetProperty("instance").GetString());

        var html = (await GetAsync<StatusPageFunction>("status/page", (f, r) => f.RunAsync(r, CancellationToken.None))).Text;
        var row = html[html.IndexOf($"aws {FleetFixture.C}", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("STALE", row, StringComparison.Ordinal);
        Assert.Contains("figures as of 2026-01-15T12:02:00Z, not refreshed: the inventory read at 2026-01-15T12:07:00Z failed (", row, StringComparison.Ordinal);
        Assert.Contains("$2.01/h", row, StringComparison.Ordinal);
        Assert.DoesNotContain("$0.00/h", row, StringComparison.Ordinal);

        // The burn ledger launches judge against is not rewritten from the failed read either.
        var kept = await ledgers.ReadAsync(CloudKind.Aws, FleetFixture.C, CancellationToken.None);
        Assert.Equal((goodLedger.SyncedAt, goodLedger.BurnUsdPerHour, goodLedger.Entries.Count), (kept!.SyncedAt, kept.BurnUsdPerHour, kept.Entries.Count));
    }

    [Fact]
    public async Task Status_30MinAfterASweep_MonthToDateIsBilledFromCostExplorerPlusLiveSinceItsEnd()
    {
        await SweepFleetWithAccountCDownAsync();
        Time.Advance(TimeSpan.FromMinutes(30));

        // A fresh function instance: the figures can only come from the status table on Azurite.
        var accounts = Accounts(await GetAsync<StatusFunction>("status", (f, r) => f.RunAsync(r, CancellationToken.None), App.NewInstance()));

        // A: $400 billed on Jan 10 (closed days through Jan 11 00:00). Live since: g5.xlarge x2 + p4d.24xlarge
        // ($23.972/h) since their launch at 10:02, up to the sweep at 12:02 = $47.94; the sweep stopped the idle two,
        // so the 30 min since run at the remaining $1.006/h = $0.503 -> $48.44.
        var a = accounts[FleetFixture.A].GetProperty("monthToDate");
        Assert.Equal((400m, "2026-01-11T00:00:00Z"), (a.GetProperty("billedUsd").GetDecimal(), a.GetProperty("billedThrough").GetString()));
        Assert.Equal((48.44m, 448.44m, 1.006m), (a.GetProperty("liveSinceUsd").GetDecimal(), a.GetProperty("totalUsd").GetDecimal(), a.GetProperty("liveBurnUsdPerHour").GetDecimal()));
        Assert.Equal("billed-plus-live", a.GetProperty("basis").GetString());

        // B: $1,200 billed through Jan 13; 2 x $1.006/h for 2 h = $4.02 live, then the monthly cap stopped both: no more burn.
        var b = accounts[FleetFixture.B].GetProperty("monthToDate");
        Assert.Equal((1200m, "2026-01-13T00:00:00Z"), (b.GetProperty("billedUsd").GetDecimal(), b.GetProperty("billedThrough").GetString()));
        Assert.Equal((4.02m, 1204.02m, 0m), (b.GetProperty("liveSinceUsd").GetDecimal(), b.GetProperty("totalUsd").GetDecimal(), b.GetProperty("liveBurnUsdPerHour").GetDecimal()));
    }

    [Fact]
    public async Task Status_CostExplorerDenied_BilledUnknownAndMonthToDateIsTheLiveEstimateOnly()
    {
        // Three accounts sweep one after another on a clock that does not move: the first one's failed Cost Explorer fetch
        // must neither hold the others up (its claim is released at once) nor be repeated by them (the failure is remembered).
        await App.UploadPolicyAsync("b.json", """
            {
              "name": "account-b",
              "mode": "enforce",
              "accounts": [
                { "cloud": "aws", "id": "111111111111", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::111111111111:role/CostGuardReadStop" },
                { "cloud": "aws", "id": "222222222222", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::222222222222:role/CostGuardReadStop" },
                { "cloud": "aws", "id": "333333333333", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::333333333333:role/CostGuardReadStop" }
              ],
              "idle": { "window": "PT30M", "gpuUtilBelow": 5 },
              "spendCap": { "perAccount": { "222222222222": { "monthlyUsd": 1000 } } }
            }
            """);
        Aws.Script(
            r => r.Operation == "GetCostAndUsage",
            new FakeReply(400, "application/x-amz-json-1.1", """{"__type":"AccessDeniedException","Message":"User is not authorized to perform: ce:GetCostAndUsage"}"""),
            times: 1000);
        await TickAsync();
        var messages = await App.DrainQueueAsync();
        foreach (var message in messages)
        {
            await SweepAsync(message).WaitAsync(TimeSpan.FromSeconds(60));
        }

        Time.Advance(TimeSpan.FromMinutes(30));
        var accounts = Accounts(await GetAsync<StatusFunction>("status", (f, r) => f.RunAsync(r, CancellationToken.None)));

        Assert.Equal(3, messages.Count);
        Assert.Equal(1, Aws.Requests.Count(r => r.Operation == "GetCostAndUsage"));
        Assert.Equal(3, accounts.Count);
        Assert.All(accounts.Values, a => Assert.Equal("live-estimate-only", a.GetProperty("monthToDate").GetProperty("basis").GetString()));

        // Live since the month start: 2 x $1.006/h since their launch at 10:02 = $4.02 at the sweep; far from the $1,000 cap,
        // nothing stopped, so 30 more min at $2.012/h -> $5.03. Billed is unknown, not $0.
        var b = accounts[FleetFixture.B].GetProperty("monthToDate");
        Assert.Equal(JsonValueKind.Null, b.GetProperty("billedUsd").ValueKind);
        Assert.Equal(JsonValueKind.Null, b.GetProperty("billedThrough").ValueKind);
        Assert.Equal((5.03m, 5.03m), (b.GetProperty("liveSinceUsd").GetDecimal(), b.GetProperty("totalUsd").GetDecimal()));
        Assert.Equal("2026-01-01T00:00:00Z", b.GetProperty("liveFrom").GetString());
    }

    [Fact]
    public async Task Status_ActionsOlderThanAWeek_LastFiftyNewestFirstStillReachThem()
    {
        // 60 actions 9 to 10 days old, none of them within the last week; then a sweep adds 5 more.
        var old = Enumerable.Range(0, 60).Select(i => new AuditRecord
        {
            Time = FleetFixture.Now.AddDays(-9).AddMinutes(-10 * i), Policy = "fleet-fixture", Cloud = "aws", Account = FleetFixture.A,
            Instance = $"i-old-{i}", Action = "stop", Reason = "idle", Mode = "enforce", Outcome = "applied", Kind = AuditKinds.Outcome, ActionId = $"old-{i}",
        }).ToList();
        await App.Audit.AppendAsync(old, CancellationToken.None);
        await SweepFleetWithAccountCDownAsync();

        var response = await GetAsync<StatusFunction>("status", (f, r) => f.RunAsync(r, CancellationToken.None));

        using var doc = JsonDocument.Parse(response.Text);
        var actions = doc.RootElement.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(50, actions.Count);
        Assert.Equal(5, actions.TakeWhile(x => x.GetProperty("time").GetString() == "2026-01-15T12:02:00Z").Count());
        Assert.Equal(old.Take(45).Select(r => r.Instance), actions.Skip(5).Select(x => x.GetProperty("instance").GetString()));
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

    private async Task SweepAllAsync()
    {
        await TickAsync();
        foreach (var message in await App.DrainQueueAsync())
        {
            await SweepAsync(message);
        }
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

    private async Task<TestHttpResponse> GetAsync<TFunction>(
        string route, Func<TFunction, Microsoft.Azure.Functions.Worker.Http.HttpRequestData, Task<Microsoft.Azure.Functions.Worker.Http.HttpResponseData>> call, IServiceProvider? instance = null)
    {
        var request = new TestHttpRequest(new TestFunctionContext("http-1"), $"http://localhost:7071/api/{route}");
        return (TestHttpResponse)await call(App.Create<TFunction>(instance), request);
    }

    private static Dictionary<string, JsonElement> Accounts(TestHttpResponse response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(response.Text);
        var policy = Assert.Single(doc.RootElement.GetProperty("policies").EnumerateArray());
        return policy.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!, a => a.Clone());
    }
}
