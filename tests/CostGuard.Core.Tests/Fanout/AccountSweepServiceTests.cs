using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Fanout;

public sealed class AccountSweepServiceTests
{
    private readonly FanoutHarness _h = new();

    [Fact]
    public async Task RunAsync_MessageNamesAnOlderPolicyVersion_EvaluatesWithThatVersion()
    {
        var messages = await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());
        // The version in force now has no idle rule: only the version the message names stops the idle instance.
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.UploadAndTickAsync(FanoutHarness.PolicyJson(idle: false));

        var outcome = await _h.AccountSweeps().RunAsync(messages[0], "holder", CancellationToken.None);

        Assert.Equal(AccountSweepOutcome.Succeeded, outcome);
        var applied = Assert.Single(_h.Aws.Applied);
        Assert.Equal(["i-a-idle"], applied.Actions.Select(a => a.Instance.Id));
    }

    [Fact]
    public async Task RunAsync_PolicyVersionGone_SkippedWithoutLockingReadingOrActing()
    {
        var message = new SweepMessage { SweepId = "fanout-test@2026-11-26T12:00:00Z", Policy = "fanout-test", PolicyHash = new string('0', 64), Cloud = "aws", Account = FanoutHarness.A };
        _h.Aws.Reads.Clear(); // a read would throw: the account must not be touched

        var outcome = await _h.AccountSweeps().RunAsync(message, "holder", CancellationToken.None);

        Assert.Equal(AccountSweepOutcome.Skipped, outcome);
        Assert.Empty(_h.Aws.Applied);
        Assert.Empty(await _h.Health.ReadAsync(null, CancellationToken.None));
        Assert.Empty(_h.State.Audit);
    }

    [Fact]
    public async Task RunAsync_SweepBudgetClaimedByAnotherAccount_DefersWithActionLimitAlert()
    {
        var messages = await _h.UploadAndTickAsync(FanoutHarness.PolicyJson(extra: ",\n  \"safety\": { \"maxActionsPerSweep\": 1 }"));
        var service = _h.AccountSweeps();

        var first = await service.RunAsync(messages.Single(m => m.Account == FanoutHarness.A), "h1", CancellationToken.None);
        var second = await service.RunAsync(messages.Single(m => m.Account == FanoutHarness.B), "h2", CancellationToken.None);

        Assert.Equal(AccountSweepOutcome.Succeeded, first);
        Assert.Equal([FanoutHarness.A], _h.Aws.Applied.Select(a => a.Account));
        var deferred = Assert.Single(_h.State.Audit, r => r.Outcome == "deferred");
        Assert.Equal(("i-b-idle", "stop"), (deferred.Instance, deferred.Action));
        var limit = Assert.Single(_h.Notifier.Batches.SelectMany(b => b.Alerts), a => a.Kind == AlertKind.ActionLimit);
        Assert.Contains(FanoutHarness.B, limit.Message, StringComparison.Ordinal);
        Assert.Equal([("fanout-test@2026-11-26T12:00:00Z", "aws:" + FanoutHarness.B, 1)], _h.Budget.Claims.Where(c => c.Claimant.EndsWith(FanoutHarness.B, StringComparison.Ordinal)));
        Assert.NotEqual(AccountSweepOutcome.Requeued, second);
    }

    [Fact]
    public async Task RunAsync_AccountHeldByAnotherSweep_RequeuedWithTheLockedDelayAndNothingActed()
    {
        var messages = await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());
        _h.Queue.Sent.Clear();
        await using var other = await _h.Lock.TryAcquireAsync(Policies.CloudKind.Aws, FanoutHarness.A, "other", TimeSpan.FromSeconds(60), CancellationToken.None);

        var outcome = await _h.AccountSweeps().RunAsync(messages[0], "holder", CancellationToken.None);

        Assert.Equal(AccountSweepOutcome.Requeued, outcome);
        var (requeued, delay) = Assert.Single(_h.Queue.Sent);
        Assert.Equal((messages[0].SweepId, 1, _h.Options.LockedRetryDelay), (requeued.SweepId, requeued.Requeues, delay));
        Assert.Empty(_h.Aws.Applied);
    }

    [Fact]
    public async Task RunAsync_ReplayOfAFinishedMessage_NoSecondActionOrAuditRecord()
    {
        var messages = await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());
        var service = _h.AccountSweeps();
        await service.RunAsync(messages[0], "inv-1", CancellationToken.None);
        var records = _h.State.Audit.Where(r => r.ActionId is not null).Select(r => (r.ActionId, r.Kind)).ToList();

        await service.RunAsync(messages[0], "inv-2", CancellationToken.None);

        Assert.Single(_h.Aws.Applied);
        Assert.Equal(records, _h.State.Audit.Where(r => r.ActionId is not null).Select(r => (r.ActionId, r.Kind)));
    }

    [Fact]
    public async Task RunAsync_LeaseLostWhileActing_SendsNothingMoreRecordsTheFailureAndThrows()
    {
        var messages = await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());
        var gated = new GatedFleetProvider(_h.Aws);
        var running = _h.AccountSweeps(gated).RunAsync(messages[0], "holder", CancellationToken.None);

        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        _h.Lock.Steal(Policies.CloudKind.Aws, FanoutHarness.A);
        _h.Time.Advance(_h.Options.LockDuration / 3);
        await gated.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        gated.Release();

        await Assert.ThrowsAsync<AccountLeaseLostException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(_h.Aws.Applied);
        Assert.DoesNotContain(_h.State.Audit, r => r.Kind == AuditKinds.Outcome);
        Assert.Contains(_h.State.Audit, r => r.Kind == AuditKinds.Intent && r.Instance == "i-a-idle");
        var health = Assert.Single(await _h.Health.ReadAsync(null, CancellationToken.None));
        Assert.Equal(1, health.FailuresInARow);
        Assert.Contains("lease was lost", health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailsNTimesInARow_RaisesGuardUnhealthyOnceNamingTheAccount()
    {
        var messages = await _h.UploadAndTickAsync(FanoutHarness.PolicyJson());
        _h.Aws.Reads[FanoutHarness.A] = account => FanoutHarness.Read(account) with { Complete = false, Problems = ["us-east-1: EC2 DescribeInstances failed: InternalError"] };

        for (var i = 0; i < _h.Options.UnhealthyAfterFailures + 1; i++)
        {
            Assert.Equal(AccountSweepOutcome.Failed, await _h.AccountSweeps().RunAsync(messages[0], $"inv-{i}", CancellationToken.None));
        }

        var unhealthy = Assert.Single(_h.Notifier.Batches.SelectMany(b => b.Alerts), a => a.Kind == AlertKind.GuardUnhealthy);
        Assert.Equal(FanoutHarness.A, unhealthy.Account);
        Assert.Contains("InternalError", unhealthy.Message, StringComparison.Ordinal);
    }
}
