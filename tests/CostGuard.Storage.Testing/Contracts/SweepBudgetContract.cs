using CostGuard.Ports;
using Xunit;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Testing.Contracts;

/// <summary>What every <see cref="ISweepBudget"/> must do: never more than the limit, never a second share.</summary>
public abstract class SweepBudgetContract
{
    protected abstract Task<ISweepBudget> CreateAsync();

    [Fact]
    public async Task Claim_UntilTheLimit_GrantsWantedThenTheRemainderThenNothing()
    {
        var budget = await CreateAsync();
        var sweep = "p1@2026-11-26T19:30:00Z";

        var a = await budget.ClaimAsync(sweep, "aws:111122223333", 5, 3, CancellationToken.None);
        var b = await budget.ClaimAsync(sweep, "aws:444455556666", 5, 3, CancellationToken.None);
        var c = await budget.ClaimAsync(sweep, "azure:0f2d1c4b", 5, 1, CancellationToken.None);
        var otherSweep = await budget.ClaimAsync("p1@2026-11-26T19:35:00Z", "aws:111122223333", 5, 4, CancellationToken.None);

        Assert.Equal((3, 2, 0, 4), (a, b, c, otherSweep));
    }

    [Fact]
    public async Task Claim_ReplayedClaimant_GetsItsFirstGrantNotASecondShare()
    {
        var budget = await CreateAsync();
        var sweep = "p1@2026-11-26T19:30:00Z";
        var first = await budget.ClaimAsync(sweep, "aws:111122223333", 10, 4, CancellationToken.None);

        var replay = await budget.ClaimAsync(sweep, "aws:111122223333", 10, 4, CancellationToken.None);
        var replayWantingMore = await budget.ClaimAsync(sweep, "aws:111122223333", 10, 9, CancellationToken.None);
        var next = await budget.ClaimAsync(sweep, "aws:444455556666", 10, 10, CancellationToken.None);

        Assert.Equal((4, 4, 4, 6), (first, replay, replayWantingMore, next));
    }

    [Fact]
    public async Task Claim_NothingWanted_GrantsNothing()
    {
        var budget = await CreateAsync();

        Assert.Equal(0, await budget.ClaimAsync("p1@2026-11-26T19:30:00Z", "aws:111122223333", 5, 0, CancellationToken.None));
        Assert.Equal(5, await budget.ClaimAsync("p1@2026-11-26T19:30:00Z", "aws:444455556666", 5, 5, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_ManyClaimantsConcurrently_GrantsExactlyTheLimitAndReplaysChangeNothing()
    {
        var budget = await CreateAsync();
        var sweep = "p1@2026-11-26T19:30:00Z";
        const int Limit = 25, Claimants = 16, Wanted = 3;

        var grants = await ClaimAllAtOnceAsync(budget, sweep, Limit, Claimants, Wanted);
        var replays = await ClaimAllAtOnceAsync(budget, sweep, Limit, Claimants, Wanted);

        Assert.Equal(Limit, grants.Sum());
        Assert.All(grants, g => Assert.InRange(g, 0, Wanted));
        Assert.Equal(grants, replays);
        Assert.Equal(0, await budget.ClaimAsync(sweep, "aws:late", Limit, 1, CancellationToken.None));
    }

    private static async Task<int[]> ClaimAllAtOnceAsync(ISweepBudget budget, string sweep, int limit, int claimants, int wanted)
    {
        using var start = new SemaphoreSlim(0);
        var claims = Enumerable.Range(0, claimants).Select(async i =>
        {
            await start.WaitAsync();
            return await budget.ClaimAsync(sweep, $"aws:{i:D12}", limit, wanted, CancellationToken.None);
        }).ToList();
        start.Release(claimants);
        return await Task.WhenAll(claims).WaitAsync(Bound);
    }
}
