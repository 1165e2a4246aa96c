using CostGuard.Fleet;
using CostGuard.Simulation.Trace;
using static CostGuard.Simulation.TraceText;

namespace CostGuard.Simulation.World;

public sealed class SampleWindowTests
{
    [Fact]
    public void View_LaterReplacementsAndGrowth_NeverChangeAViewAlreadyTaken()
    {
        var window = new SampleWindow();
        window.Add(new UtilizationSample(T("2026-11-02T00:00:00Z"), 50, 1));
        window.Add(new UtilizationSample(T("2026-11-02T00:05:00Z"), 60, 1));
        var before = window.View();

        window.Add(new UtilizationSample(T("2026-11-02T00:05:00Z"), 1, 1));
        for (var i = 2; i < 200; i++)
        {
            window.Add(new UtilizationSample(T("2026-11-02T00:00:00Z").AddMinutes(5 * i), i % 100, 1));
        }

        Assert.Equal([50.0, 60.0], before.Select(s => s.GpuPercent!.Value).ToArray());
        Assert.Equal(200, window.Count);
        Assert.Equal(1.0, window.View()[1].GpuPercent);
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

        Assert.Equal(T("2026-11-02T00:40:00Z"), window.View()[0].Time);
        Assert.Equal(6, window.Count);
    }
}
