namespace CostGuard.Simulation.Trace.Samples;

/// <summary>
/// A large synthetic fleet for the simulate benchmark: every instance reports at every step, in time order
/// (30 days of 1,000 instances at 5 minutes is 8.64 M rows). Mixes day workers that launch each morning,
/// always-busy and always-idle instances, instances without GPU metrics and untagged orphans.
/// </summary>
public static class BenchmarkTrace
{
    public static IEnumerable<GeneratedRow> Rows(int instances, int days, TimeSpan step, int seed)
    {
        var random = new Random(seed);
        var fleet = Enumerable.Range(0, instances).Select(i => new SampleInstance(
            "aws",
            $"1000000000{i % 10:D2}",
            i % 2 == 0 ? "us-east-1" : "us-west-2",
            $"i-0bench{i:D6}",
            (i % 3) switch { 0 => "g5.12xlarge", 1 => "p4d.24xlarge", _ => "g6.xlarge" },
            (i % 3) switch { 0 => 5.672m, 1 => 32.7726m, _ => 0.805m },
            i % 10 == 8 ? $"env=bench;Name=bench-{i}" : $"owner=user{i % 97:D2};cost-center=cc{i % 7}")).ToArray();
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(days);
        for (var t = start; t < end; t += step)
        {
            var hour = t.UtcDateTime.Hour;
            for (var i = 0; i < fleet.Length; i++)
            {
                var kind = i % 10;
                var working = hour is >= 8 and < 20;
                var state = kind <= 5 && !working ? "stopped" : "running";
                double? gpu = state != "running" ? null : kind switch
                {
                    6 => random.NextDouble() * 3,
                    7 => null,
                    _ => random.NextDouble() < 0.05 ? random.NextDouble() * 3 : 40 + (random.NextDouble() * 55),
                };
                double? cpu = state == "running" ? 10 + (random.NextDouble() * 30) : null;
                yield return fleet[i].Row(t, state, gpu is { } g ? Math.Round(g, 1) : null, cpu is { } c ? Math.Round(c, 1) : null);
            }
        }
    }
}
