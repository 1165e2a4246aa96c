using System.Net;
using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Azure.Actions;

/// <summary>How long-running operations are followed: never polled when done at once, re-polled on unreadable replies, bounded.</summary>
public sealed class ActionPollingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);

    private static Fault PollReply(HttpStatusCode status, string? bodyFile, int times) => new()
    {
        // The Azure-AsyncOperation status URL (not the final Location GET, which has monitor=true).
        Matches = r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.Contains("/operations/", StringComparison.Ordinal)
            && !r.RequestUri.Query.Contains("monitor=true", StringComparison.Ordinal),
        Status = status,
        BodyFile = bodyFile,
        Times = times,
    };

    [Fact]
    public async Task Apply_TagPatchAnsweredAtOnce_NeitherWaitsNorPolls()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-orphan", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["project"] = "x" });

        var outcome = Assert.Single(await h.Provider.ApplyAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA),
            [Planned.Action(vm, ActionKind.Tag, tagKey: "costguard:orphan", tagValue: "2026-11-16T12:00:00Z")], CancellationToken.None));

        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.Equal("2026-11-16T12:00:00Z", vm.Tags["costguard:orphan"]);
        Assert.Empty(h.Delays);
        Assert.Equal(Now, h.Time.GetUtcNow());
        Assert.Equal(0, h.Counter.Get("azure-arm", "pollOperation"));
        Assert.Equal(1, h.Cloud.Count("PATCH", "/virtualMachines/gpu-orphan"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Arm/operation-malformed.json")]
    public async Task Apply_OneUnreadablePollReply_RepolledAndApplied(string? bodyFile)
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-idle", "eastus");
        h.Cloud.PollsBeforeDone = 1;
        h.Cloud.Faults.Add(PollReply(HttpStatusCode.OK, bodyFile, times: 1));

        var outcome = Assert.Single(await h.Provider.ApplyAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), [Planned.Action(vm, ActionKind.Stop)], CancellationToken.None));

        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.Equal("deallocated", vm.PowerState);

        // The unreadable reply, then InProgress, then Succeeded: three polls, each after a wait.
        Assert.Equal(3, h.Delays.Count);
    }

    [Fact]
    public async Task Apply_EveryPollReplyUnreadable_FailedAfterTheBoundSayingTheStateIsUnknown()
    {
        var h = new AzureHarness(Now, o => o with { MaxPolls = 4 });
        var vm = h.AddVm(AzureHarness.SubA, "gpu-idle", "eastus");
        h.Cloud.Faults.Add(PollReply(HttpStatusCode.OK, null, times: int.MaxValue));

        var outcome = Assert.Single(await h.Provider.ApplyAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), [Planned.Action(vm, ActionKind.Stop)], CancellationToken.None));

        Assert.Equal(ActionStatus.Failed, outcome.Status);
        Assert.Contains("none of 4 poll replies could be read", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(4, h.Delays.Count);
    }

    [Fact]
    public async Task Apply_OperationOutlivesSweepDeadline_StopsWaitingAtTheDeadlineAndSaysSo()
    {
        var h = new AzureHarness(Now, o => o with { SweepDeadline = TimeSpan.FromSeconds(5), PollInterval = TimeSpan.FromSeconds(2) });
        var vm = h.AddVm(AzureHarness.SubA, "gpu-slow", "eastus");
        h.Cloud.PollsBeforeDone = 100;

        var outcome = Assert.Single(await h.Provider.ApplyAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), [Planned.Action(vm, ActionKind.Stop)], CancellationToken.None));

        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.Contains("still running at the sweep deadline", outcome.Error, StringComparison.Ordinal);

        // 1 s (the 202's retry-after-ms, raised to the 1 s floor), then 2 s twice: the next 2 s would end past the deadline.
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], h.Delays);
        Assert.Equal(Now.AddSeconds(5), h.Time.GetUtcNow());
    }

    [Fact]
    public async Task Apply_SweepDeadlinePassedSinceTheRead_ActionsLeftUndoneAndReported()
    {
        var h = new AzureHarness(Now, o => o with { SweepDeadline = TimeSpan.FromMinutes(4) });
        var vm = h.AddVm(AzureHarness.SubA, "gpu-idle", "eastus");
        await h.Provider.ReadAccountAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromMinutes(5));

        var outcome = Assert.Single(await h.Provider.ApplyAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), [Planned.Action(vm, ActionKind.Stop)], CancellationToken.None));

        Assert.Equal(ActionStatus.Skipped, outcome.Status);
        Assert.Contains("left undone: the sweep deadline passed", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("running", vm.PowerState);
        Assert.Equal(0, h.Counter.Get("azure-arm", "deallocate"));
    }

    [Fact]
    public async Task Apply_ExpiredTokenMidSweep_RetriedOnceWithAFreshTokenAndLaterCallsUseIt()
    {
        var h = new AzureHarness(Now);
        var a = h.AddVm(AzureHarness.SubA, "gpu-a", "eastus");
        var b = h.AddVm(AzureHarness.SubA, "gpu-b", "eastus");
        var arm = "https://management.azure.com/.default";
        await h.Provider.ReadAccountAsync(AzureHarness.Policy(p => p with { Idle = null }), AzureHarness.Account(AzureHarness.SubA), Now, CancellationToken.None);
        var before = h.Cloud.Requests.Count;

        // Mid-sweep the cached token expires: ARM refuses it from now on; the credential has a new one.
        h.Credential.Generation = 2;
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.Headers.Authorization?.ToString() == "Bearer " + FakeTokenCredential.TokenFor(arm),
            Status = HttpStatusCode.Unauthorized,
            BodyFile = "Arm/error-expired-token.json",
            Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The access token has expired.\"" },
            Times = int.MaxValue,
        });

        var outcomes = await h.Provider.ApplyAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA),
            [Planned.Action(a, ActionKind.Stop), Planned.Action(b, ActionKind.Stop)], CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        Assert.Equal("deallocated", a.PowerState);
        Assert.Equal("deallocated", b.PowerState);
        var sent = h.Cloud.Requests.Skip(before).ToList();
        Assert.Single(sent, r => r.Authorization == "Bearer " + FakeTokenCredential.TokenFor(arm));
        Assert.All(sent.Skip(1), r => Assert.Equal("Bearer " + FakeTokenCredential.TokenFor(arm, 2), r.Authorization));
    }

    [Fact]
    public async Task Apply_ExpiredTokenAndNoFresherOne_UnauthorizedReportedAfterOneTry()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-a", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.Host == "127.0.0.1",
            Status = HttpStatusCode.Unauthorized,
            BodyFile = "Arm/error-expired-token.json",
            Times = int.MaxValue,
        });

        var outcome = Assert.Single(await h.Provider.ApplyAsync(AzureHarness.Policy(), AzureHarness.Account(AzureHarness.SubA), [Planned.Action(vm, ActionKind.Stop)], CancellationToken.None));

        Assert.Equal(ActionStatus.Failed, outcome.Status);
        Assert.Contains("ExpiredAuthenticationToken", outcome.Error, StringComparison.Ordinal);
        Assert.Single(h.Cloud.Requests);
    }
}
