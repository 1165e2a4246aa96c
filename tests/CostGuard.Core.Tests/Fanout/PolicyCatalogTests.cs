using CostGuard.Engine;

namespace CostGuard.Fanout;

public sealed class PolicyCatalogTests
{
    private const string Broken = """{ "name": "fanout-test", "mode": "enforce", "sweepInterval": "P1M", "accounts": [] }""";
    private readonly FanoutHarness _h = new();

    [Fact]
    public async Task RefreshAsync_InvalidUploadOverAGoodVersion_KeepsTheGoodVersionAndAlertsOncePerVersion()
    {
        var good = FanoutHarness.PolicyJson();
        await _h.UploadAndTickAsync(good);
        _h.Source.Blobs[FanoutHarness.Blob] = Broken;

        var first = await _h.Catalog().RefreshAsync(_h.Time.GetUtcNow(), CancellationToken.None);
        var second = await _h.Catalog().RefreshAsync(_h.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(PolicyHash.Of(good), Assert.Single(first).Hash);
        Assert.Equal(PolicyHash.Of(good), Assert.Single(second).Hash);
        Assert.Equal(PolicyHash.Of(good), _h.Versions.Active[FanoutHarness.Blob]);
        var alert = Assert.Single(_h.Notifier.Batches.SelectMany(b => b.Alerts));
        Assert.Equal(AlertKind.PolicyInvalid, alert.Kind);
        Assert.Contains(FanoutHarness.Blob, alert.Message, StringComparison.Ordinal);
        Assert.Contains("P1M", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersionAsync_VersionKeptBySave_FoundByASecondInstanceWithAnEmptyCache()
    {
        var json = FanoutHarness.PolicyJson();
        await _h.UploadAndTickAsync(json);

        var policy = await _h.Catalog().GetVersionAsync(PolicyHash.Of(json), FanoutHarness.Blob, CancellationToken.None);
        var gone = await _h.Catalog().GetVersionAsync(new string('f', 64), FanoutHarness.Blob, CancellationToken.None);

        Assert.Equal("fanout-test", policy?.Name);
        Assert.Null(gone);
    }
}
