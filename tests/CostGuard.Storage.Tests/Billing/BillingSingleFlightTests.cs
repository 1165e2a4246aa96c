using CostGuard.Ports;
using CostGuard.Storage.Billing;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.Time.Testing;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Billing;

/// <summary>
/// The billing cache across function instances: each "instance" is its own <see cref="StorageAccount"/> and cache over
/// the same storage. The waiting instances' poll pauses are gates the test opens, so every interleaving is chosen here.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BillingSingleFlightTests(AzuriteFixture azurite)
{
    private const string Key = "aws:ce:0123456789abcdef";
    private readonly FakeTimeProvider _time = new(T0);
    private readonly SemaphoreSlim _waiting = new(0);
    private readonly TaskCompletionSource _polls = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _fetchGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _fetchStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fetches;
    private int _concurrentFetches;
    private int _maxConcurrentFetches;

    [Fact]
    public async Task GetAsync_FourInstancesMissAtOnce_ExactlyOneFetchesAndTheOthersGetItsAnswer()
    {
        var instances = Instances(4);

        var reads = instances.Select(cache => Task.Run(() => ReadLikeAnAdapterAsync(cache))).ToList();
        for (var i = 0; i < instances.Count - 1; i++)
        {
            Assert.True(await _waiting.WaitAsync(Bound), "an instance did not start waiting for the fetcher");
        }

        var fetchesWhileWaiting = Volatile.Read(ref _fetches);
        _fetchGate.SetResult();
        _polls.SetResult();
        var answers = await Task.WhenAll(reads).WaitAsync(Bound);

        Assert.Equal(1, fetchesWhileWaiting);
        Assert.Equal(1, _fetches);
        Assert.All(answers, a => Assert.Equal("answer-1", a));
    }

    [Fact]
    public async Task GetAsync_FreshAnswer_ReturnedToEveryInstanceWithoutAFetch()
    {
        var instances = Instances(2);
        await instances[0].SetAsync(Key, new CachedBilling("cached", T0.AddMinutes(-59)), CancellationToken.None);
        _fetchGate.SetResult();

        var answers = await Task.WhenAll(instances.Select(ReadLikeAnAdapterAsync)).WaitAsync(Bound);

        Assert.Equal(["cached", "cached"], answers);
        Assert.Equal(0, _fetches);
    }

    [Fact]
    public async Task GetAsync_StaleAnswer_ElectedInstanceGetsItBackAndOthersWait()
    {
        var instances = Instances(2);
        var stale = new CachedBilling("stale", T0.AddHours(-1));
        await instances[0].SetAsync(Key, stale, CancellationToken.None);

        var elected = await instances[0].GetAsync(Key, CancellationToken.None);
        var waiter = instances[1].GetAsync(Key, CancellationToken.None);
        Assert.True(await _waiting.WaitAsync(Bound));
        await instances[0].SetAsync(Key, new CachedBilling("fresh", T0), CancellationToken.None);
        _polls.SetResult();

        Assert.Equal(stale, elected);
        Assert.Equal(new CachedBilling("fresh", T0), await waiter.WaitAsync(Bound));
    }

    [Fact]
    public async Task GetAsync_FetcherDiedWithoutAnswer_AnotherInstanceTakesOverAfterTheFetchTimeout()
    {
        var instances = Instances(3);
        Assert.Null(await instances[0].GetAsync(Key, CancellationToken.None)); // elected, then "crashes": never sets

        var second = instances[1].GetAsync(Key, CancellationToken.None);
        Assert.True(await _waiting.WaitAsync(Bound));
        _time.Advance(TimeSpan.FromMinutes(1));
        _polls.SetResult();
        var takenOver = await second.WaitAsync(Bound);

        var third = instances[2].GetAsync(Key, CancellationToken.None);
        var thirdWaits = await _waiting.WaitAsync(Bound);
        await instances[1].SetAsync(Key, new CachedBilling("answer", _time.GetUtcNow()), CancellationToken.None);

        Assert.Null(takenOver);
        Assert.True(thirdWaits);
        Assert.Equal("answer", (await third.WaitAsync(Bound))!.Payload);
    }

    [Fact]
    public async Task GetAsync_FetchFails_WaiterGetsTheFailureWithoutWaitingOutTheFetchTimeout()
    {
        var instances = Instances(2);
        var stale = new CachedBilling("stale", T0.AddHours(-2));
        await instances[0].SetAsync(Key, stale, CancellationToken.None);

        var fetcher = Task.Run(() => ReadWithFailingSourceAsync(instances[0]));
        await _fetchStarted.Task.WaitAsync(Bound);
        var waiter = Task.Run(() => ReadWithFailingSourceAsync(instances[1]));
        Assert.True(await _waiting.WaitAsync(Bound), "the second instance did not wait for the fetch");
        _fetchGate.SetResult(); // the fetch fails, which releases the claim
        Assert.Equal("fetch failed: AccessDenied", await fetcher.WaitAsync(Bound));
        _polls.SetResult(); // one poll later, with the clock still where it was

        Assert.Equal("remembered: AccessDenied (last answer 'stale')", await waiter.WaitAsync(Bound));
        Assert.Equal(T0, _time.GetUtcNow());
        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task GetAsync_FourInstancesMissAtOnceAndTheSourceFails_OneFetchAtATimeAndEveryoneGetsTheFailure()
    {
        var instances = Instances(4);

        var reads = instances.Select(cache => Task.Run(() => ReadWithFailingSourceAsync(cache))).ToList();
        for (var i = 0; i < instances.Count - 1; i++)
        {
            Assert.True(await _waiting.WaitAsync(Bound), "an instance did not start waiting for the fetcher");
        }

        var fetchesWhileWaiting = Volatile.Read(ref _fetches);
        _fetchGate.SetResult();
        _polls.SetResult();
        var answers = await Task.WhenAll(reads).WaitAsync(Bound);

        // A minute later (the failure lifetime) the next sweep tries again: once, whoever asks after it.
        _time.Advance(TimeSpan.FromMinutes(1));
        var again = new List<string>();
        foreach (var cache in instances)
        {
            again.Add(await ReadWithFailingSourceAsync(cache).WaitAsync(Bound));
        }

        Assert.Equal(1, fetchesWhileWaiting);
        Assert.Equal(1, answers.Count(a => a == "fetch failed: AccessDenied"));
        Assert.Equal(3, answers.Count(a => a == "remembered: AccessDenied (no last answer)"));
        Assert.Equal(["fetch failed: AccessDenied", .. Enumerable.Repeat("remembered: AccessDenied (no last answer)", 3)], again);
        Assert.Equal(2, _fetches);
        Assert.Equal(1, _maxConcurrentFetches);
    }

    [Fact]
    public async Task ReleaseAsync_ClaimTakenOverMeanwhile_LeavesTheNewerClaimAlone()
    {
        var instances = Instances(3);
        Assert.Null(await instances[0].GetAsync(Key, CancellationToken.None)); // elected, then slow
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await instances[1].GetAsync(Key, CancellationToken.None)); // takes the expired claim over

        await instances[0].ReleaseAsync(Key, "late failure", CancellationToken.None);
        var third = instances[2].GetAsync(Key, CancellationToken.None);
        var thirdWaits = await _waiting.WaitAsync(Bound);
        await instances[1].SetAsync(Key, new CachedBilling("answer", _time.GetUtcNow()), CancellationToken.None);
        _polls.SetResult();

        Assert.True(thirdWaits);
        Assert.Equal("answer", (await third.WaitAsync(Bound))!.Payload);
    }

    [Fact]
    public async Task GetAsync_FetchCancelled_WaiterTakesTheFetchOverAtOnce()
    {
        var instances = Instances(2);
        Assert.Null(await instances[0].GetAsync(Key, CancellationToken.None));
        var waiter = instances[1].GetAsync(Key, CancellationToken.None);
        Assert.True(await _waiting.WaitAsync(Bound));

        await instances[0].ReleaseAsync(Key, problem: null, CancellationToken.None);
        _polls.SetResult();

        Assert.Null(await waiter.WaitAsync(Bound)); // elected: no answer yet, and no failure to report
        Assert.Equal(T0, _time.GetUtcNow());
    }

    private List<BlobBillingCache> Instances(int count)
    {
        var shared = TestAccounts.Isolated(azurite);
        return Enumerable.Range(0, count)
            .Select(_ => new BlobBillingCache(
                new StorageAccount(shared.Tables, shared.Blobs, shared.Options),
                _time,
                pause: async (_, ct) =>
                {
                    _waiting.Release();
                    await _polls.Task.WaitAsync(ct);
                }))
            .ToList();
    }

    /// <summary>
    /// What the spend readers do when the billing API is down: read; on a miss fetch (held at <see cref="_fetchGate"/>),
    /// which throws, and release the claim with the problem; a remembered failure comes back from the read.
    /// </summary>
    private async Task<string> ReadWithFailingSourceAsync(BlobBillingCache cache)
    {
        CachedBilling? cached;
        try
        {
            cached = await cache.GetAsync(Key, CancellationToken.None);
        }
        catch (BillingFetchFailedException ex)
        {
            return $"remembered: {ex.Problem} ({(ex.LastAnswer is { } last ? $"last answer '{last.Payload}'" : "no last answer")})";
        }

        if (cached is not null && _time.GetUtcNow() - cached.FetchedAt < TimeSpan.FromHours(1))
        {
            return cached.Payload;
        }

        Interlocked.Increment(ref _fetches);
        var concurrent = Interlocked.Increment(ref _concurrentFetches);
        InterlockedMax(ref _maxConcurrentFetches, concurrent);
        _fetchStarted.TrySetResult();
        try
        {
            await _fetchGate.Task;
            throw new InvalidOperationException("AccessDenied");
        }
        catch (InvalidOperationException ex)
        {
            Interlocked.Decrement(ref _concurrentFetches);
            await cache.ReleaseAsync(Key, ex.Message, CancellationToken.None);
            return "fetch failed: " + ex.Message;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>What the AWS and Azure spend readers do: read, and on a miss or a stale answer fetch and write.</summary>
    private async Task<string> ReadLikeAnAdapterAsync(BlobBillingCache cache)
    {
        var cached = await cache.GetAsync(Key, CancellationToken.None);
        if (cached is not null && _time.GetUtcNow() - cached.FetchedAt < TimeSpan.FromHours(1))
        {
            return cached.Payload;
        }

        var n = Interlocked.Increment(ref _fetches);
        await _fetchGate.Task;
        var answer = $"answer-{n}";
        await cache.SetAsync(Key, new CachedBilling(answer, _time.GetUtcNow()), CancellationToken.None);
        return answer;
    }
}
