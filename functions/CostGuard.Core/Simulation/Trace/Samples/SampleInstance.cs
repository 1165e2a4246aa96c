namespace CostGuard.Simulation.Trace.Samples;

/// <summary>The fixed facts of one generated instance.</summary>
internal sealed record SampleInstance(string Cloud, string Account, string Region, string Id, string Type, decimal UsdPerHour, string Tags)
{
    /// <summary>Rows every <paramref name="step"/> from <paramref name="from"/> until before <paramref name="to"/>.</summary>
    public IEnumerable<GeneratedRow> Timeline(
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan step,
        Func<DateTimeOffset, (string State, double? Gpu, double? Cpu)> at)
    {
        for (var t = from; t < to; t += step)
        {
            var (state, gpu, cpu) = at(t);
            yield return Row(t, state, gpu, cpu);
        }
    }

    public GeneratedRow Row(DateTimeOffset time, string state, double? gpu, double? cpu) =>
        new(time, Cloud, Account, Region, Id, Type, state, UsdPerHour, gpu, cpu, Tags);
}
