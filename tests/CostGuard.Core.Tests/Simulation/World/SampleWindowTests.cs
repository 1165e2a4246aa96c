using CostGuard.Fleet;
using CostGuard.Simulation.Trace;
using static CostGuard.Simulation.TraceText;

namespace CostGuard.Simulation.World;

public sealed class SampleWindowTests
{
    [Fact]
    public void Add_LaterSampleAtTheSameTimeReplacesTheLast_AndTheWindowGrowsPastItsFirstArray()
    {
        var window = new SampleWindow();
        window.Add(new UtilizationSample(T("2026-11-02T00:00:00Z"), 50, 1));
        window.Add(new UtilizationSample(T("2026-11-02T00:05:00Z"), 60, 1));
        window.Add(new UtilizationSample(T("2026-11-02T00:05:00Z"), 1, 1));
        for (var i = 2; i < 200; i++)
        {
            window.Add(new UtilizationSample(T("2026-11-02T00:00:00Z").AddMinutes(5 * i), i % 100, 1));
        }

        Assert.Equal(200, window.Count);
        Assert.Equal([50.0, 1.0, 2.0], window.Take(3).Select(s => s.GpuPercent!.Value).ToArray());
        Assert.Equal(99.0, window[199].GpuPercent);
    }

    [Fact]
    public void Add_AfterTrimming_SlidesTheWindowBackInsteadOfGrowing_AndKeepsOrder()
    {
        // A month of 5-minute samples through a 30-minute window: the window stays 7 samples long throughout.
        var window = new SampleWindow();
        var start = T("2026-11-01T00:00:00Z");
        for (var i = 0; i < 8640; i++)
        {
            var time = start.AddMinutes(5 * i);
            window.Add(new UtilizationSample(time, i % 100, null));
            window.TrimBefore(time - TimeSpan.FromMinutes(30));
        }

        var last = start.AddMinutes(5 * 8639);
        Assert.Equal(7, window.Count);
        Assert.Equal(Enumerable.Range(0, 7).Select(k => last.AddMinutes(-5 * (6 - k))).ToArray(), window.Select(s => s.Time).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => window[7]);
    }

    [Fact]
    public void TrimBefore_KeepsTheSampleInEffectAtTheWindowStart()
    {
        var window = new SampleWindow();
        for (var i = 0; i < 10; i++)
        {
            window.Add(new UtilizationSample(T("2026-11-02T00:00:00Z").AddMinutes(10 * i), i, null));
        }

        window.TrimBefore(T("2026-11-02T00:45:00Z"));

        Assert.Equal(T("2026-11-02T00:40:00Z"), window[0].Time);
        Assert.Equal(6, window.Count);
    }
}
