using System.Text.Json;
using CostGuard.Ports;

namespace CostGuard.Status;

public sealed class StatusRenderTests
{
    private static readonly DateTimeOffset SweptAt = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Json_BilledAndLive_ShowsBothFiguresTheBillingEndAndTheirSum()
    {
        var json = JsonDocument.Parse(StatusJson.Render(Report(StatusMonthToDateTests.Figures(SweptAt, billed: 1200m, liveAtSweep: 120m, burn: 40m))));

        var mtd = Account(json).GetProperty("monthToDate");
        Assert.Equal(1340m, mtd.GetProperty("totalUsd").GetDecimal());
        Assert.Equal(1200m, mtd.GetProperty("billedUsd").GetDecimal());
        Assert.Equal("2026-11-26T06:00:00Z", mtd.GetProperty("billedThrough").GetString());
        Assert.Equal(140m, mtd.GetProperty("liveSinceUsd").GetDecimal());
        Assert.Equal("2026-11-26T06:00:00Z", mtd.GetProperty("liveFrom").GetString());
        Assert.Equal(40m, mtd.GetProperty("liveBurnUsdPerHour").GetDecimal());
        Assert.Equal("billed-plus-live", mtd.GetProperty("basis").GetString());
    }

    [Fact]
    public void Json_NoBillingData_BilledNullAndLabelledLiveEstimateOnly()
    {
        var figures = StatusMonthToDateTests.Figures(SweptAt, billed: null, liveAtSweep: 500m, burn: 40m) with { BilledThrough = null };

        var mtd = Account(JsonDocument.Parse(StatusJson.Render(Report(figures)))).GetProperty("monthToDate");

        Assert.Equal(JsonValueKind.Null, mtd.GetProperty("billedUsd").ValueKind);
        Assert.Equal(JsonValueKind.Null, mtd.GetProperty("billedThrough").ValueKind);
        Assert.Equal(520m, mtd.GetProperty("totalUsd").GetDecimal());
        Assert.Equal(520m, mtd.GetProperty("liveSinceUsd").GetDecimal());
        Assert.Equal("2026-11-01T00:00:00Z", mtd.GetProperty("liveFrom").GetString());
        Assert.Equal("live-estimate-only", mtd.GetProperty("basis").GetString());
    }

    [Fact]
    public void Json_NotSweptYet_MonthToDateFiguresAreNull()
    {
        var mtd = Account(JsonDocument.Parse(StatusJson.Render(Report(null)))).GetProperty("monthToDate");

        Assert.Equal(JsonValueKind.Null, mtd.GetProperty("totalUsd").ValueKind);
        Assert.Equal(JsonValueKind.Null, mtd.GetProperty("basis").ValueKind);
    }

    [Fact]
    public void Page_BilledAndLive_ShowsBilledThroughAndLiveSince()
    {
        var html = StatusPage.Render(Report(StatusMonthToDateTests.Figures(SweptAt, billed: 1200m, liveAtSweep: 120m, burn: 40m)));

        Assert.Contains("$1,200.00 billed through 2026-11-26T06:00:00Z<br>+ $140.00 live since", html, StringComparison.Ordinal);
        Assert.Contains("$1,340.00 of $5,000.00", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_NoBillingData_SaysBilledUnknownAndLiveEstimateOnly()
    {
        var html = StatusPage.Render(Report(StatusMonthToDateTests.Figures(SweptAt, billed: null, liveAtSweep: 500m, burn: 40m) with { BilledThrough = null }));

        Assert.Contains("billed: unknown (no billing data)<br>$520.00 live estimate only, since 2026-11-01T00:00:00Z", html, StringComparison.Ordinal);
        Assert.DoesNotContain("billed through", html, StringComparison.Ordinal);
    }

    private static StatusReport Report(AccountStatus? figures)
    {
        var view = new AccountView
        {
            Cloud = "aws",
            Account = "111122223333",
            Figures = figures,
            MonthToDate = figures is null ? null : StatusMonthToDate.At(figures, Now),
            Health = new SweepHealth { Policy = "gpu-guard", Cloud = "aws", Account = "111122223333", LastSuccessAt = SweptAt },
            LastSuccessAge = Now - SweptAt,
            Stale = false,
        };
        return new StatusReport(Now, [new PolicyView("gpu-guard", "gpu-guard.json", "abc123", "enforce", TimeSpan.FromMinutes(15), [view])], []);
    }

    private static JsonElement Account(JsonDocument json) =>
        json.RootElement.GetProperty("policies")[0].GetProperty("accounts")[0];
}
