using CostGuard.Engine;

namespace CostGuard.Fanout;

public sealed class PoisonSweepHandlerTests
{
    private readonly FanoutHarness _h = new();

    [Fact]
    public async Task HandleAsync_MessageWhoseSweepsFailed_RaisesGuardFailureNamingTheAccountAndTheLastError()
    {
        var message = (await _h.UploadAndTickAsync(FanoutHarness.PolicyJson())).Single(m => m.Account == FanoutHarness.B);
        await _h.Health.RecordAsync("fanout-test", "aws", FanoutHarness.B, _h.Time.GetUtcNow(), false, "TimeoutException: the sweep ran out of time", CancellationToken.None);

        var alert = await _h.Poison().HandleAsync(message.ToJson(), 5, CancellationToken.None);

        Assert.NotNull(alert);
        Assert.Equal((AlertKind.GuardFailure, FanoutHarness.B), (alert.Kind, alert.Account));
        Assert.Contains("TimeoutException: the sweep ran out of time", alert.Message, StringComparison.Ordinal);
        Assert.Contains("after 5 attempts", alert.Message, StringComparison.Ordinal);
        Assert.Same(alert, Assert.Single(Assert.Single(_h.Notifier.Batches).Alerts));
    }

    [Fact]
    public async Task HandleAsync_NoErrorRecorded_SaysSoInsteadOfInventingOne()
    {
        var message = (await _h.UploadAndTickAsync(FanoutHarness.PolicyJson()))[0];

        var alert = await _h.Poison().HandleAsync(message.ToJson(), 5, CancellationToken.None);

        Assert.Contains("no error was recorded", alert!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_UnreadableMessage_ReturnsNullAndAlertsNobody()
    {
        var alert = await _h.Poison().HandleAsync("{ not json", 5, CancellationToken.None);

        Assert.Null(alert);
        Assert.Empty(_h.Notifier.Batches);
    }
}
