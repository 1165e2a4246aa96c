namespace CostGuard.Storage.Launches;

public sealed class AccountGateTests
{
    [Fact]
    public async Task EnterAsync_SameAccount_WaitsForTheTurnToBePassedOn()
    {
        var gate = new AccountGate();
        var first = await gate.EnterAsync("aws|1", CancellationToken.None);

        var second = gate.EnterAsync("aws|1", CancellationToken.None);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        Assert.Equal(0, gate.Held);
    }

    [Fact]
    public async Task EnterAsync_OtherAccount_DoesNotWait()
    {
        var gate = new AccountGate();
        using var first = await gate.EnterAsync("aws|1", CancellationToken.None);

        var other = gate.EnterAsync("aws|2", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        Assert.Equal(2, gate.Held);
        (await other).Dispose();
        Assert.Equal(1, gate.Held);
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_ThrowsAndLeavesOnlyTheHolder()
    {
        var gate = new AccountGate();
        var holding = await gate.EnterAsync("aws|1", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync("aws|1", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, gate.Held);
        holding.Dispose();
        Assert.Equal(0, gate.Held);
    }
}
