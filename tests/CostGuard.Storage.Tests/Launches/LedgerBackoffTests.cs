namespace CostGuard.Storage.Launches;

public sealed class LedgerBackoffTests
{
    [Fact]
    public void DelayAfter_FullJitterSample_DoublesFromTheBaseUpToTheCap()
    {
        var backoff = new LedgerBackoff { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(1), Jitter = () => 1.0 };

        var ceilings = Enumerable.Range(1, 9).Select(n => backoff.DelayAfter(n).TotalMilliseconds);

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1000, 1000], ceilings);
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.DelayAfter(500));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.25, 10)]
    [InlineData(0.5, 20)]
    public void DelayAfter_JitterSample_ScalesTheCeiling(double sample, double expectedMs)
    {
        var backoff = new LedgerBackoff { BaseDelay = TimeSpan.FromMilliseconds(10), Jitter = () => sample };

        Assert.Equal(expectedMs, backoff.DelayAfter(3).TotalMilliseconds, 6);
    }

    [Fact]
    public void DelayAfter_NoConflictYet_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerBackoff().DelayAfter(0));
    }
}
