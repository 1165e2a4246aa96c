namespace CostGuard.Simulation.Trace.Samples;

/// <summary>
/// The FinOps stories the sample traces tell, on one two-week calendar (Mon 2026-11-02 to Tue 2026-11-17 UTC).
/// Seeded, so anyone regenerates byte-identical files: <c>costguard trace generate</c>.
/// </summary>
public static class SampleStories
{
    public const string AwsMl = "111122223333";
    public const string AwsStaging = "444455556666";
    public const string AwsDataScience = "777788889999";
    public const string AzureResearch = "5f0c5b8e-3c1a-4a57-9e0f-6d2f4b7a9c10";

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    /// <summary>Story names, in the order of the combined trace.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["idle-weekend", "weekend-sweep", "no-metrics", "zombie-env", "exempt-long-job", "spend-anomaly", "lunch-break"];

    /// <summary>One story's rows, in time order.</summary>
    public static IReadOnlyList<GeneratedRow> Generate(string story, int seed)
    {
        var random = new Random(seed + Names.ToList().IndexOf(story));
        IEnumerable<GeneratedRow> rows = story switch
        {
            "idle-weekend" => IdleWeekend(random),
            "weekend-sweep" => WeekendSweep(random),
            "no-metrics" => NoMetrics(random),
            "zombie-env" => ZombieEnvironment(random),
            "exempt-long-job" => ExemptLongJob(random),
            "spend-anomaly" => SpendAnomaly(random),
            "lunch-break" => LunchBreak(random),
            _ => throw new ArgumentException($"unknown story '{story}'; expected one of {string.Join(", ", Names)}", nameof(story)),
        };
        return Sorted(rows);
    }

    /// <summary>Every story merged into one trace.</summary>
    public static IReadOnlyList<GeneratedRow> Combined(int seed) => Sorted(Names.SelectMany(n => Generate(n, seed)));

    private static List<GeneratedRow> Sorted(IEnumerable<GeneratedRow> rows) =>
        rows.Select((row, index) => (row, index)).OrderBy(p => p.row.Time).ThenBy(p => p.index).Select(p => p.row).ToList();

    private static double Busy(Random random) => Math.Round(60 + (random.NextDouble() * 35), 1);

    private static double Quiet(Random random) => Math.Round(random.NextDouble() * 2, 1);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => Start.AddDays(day - 2).AddHours(hour).AddMinutes(minute);

    // Friday: a p4d works until 18:00, then sits idle all weekend; its owner comes back Monday 09:00.
    private static IEnumerable<GeneratedRow> IdleWeekend(Random random)
    {
        var p4d = new SampleInstance("aws", AwsMl, "us-east-1", "i-0a1d1e0weekend001", "p4d.24xlarge", 32.7726m, "owner=alice;cost-center=ml-research;Name=alice-finetune");
        foreach (var row in p4d.Timeline(At(6, 10), At(9, 12), FiveMinutes, t =>
                     ("running", t < At(6, 18) || t >= At(9, 9) ? Busy(random) : Quiet(random), Math.Round(5 + (random.NextDouble() * 10), 1))))
        {
            yield return row;
        }

        yield return p4d.Row(At(9, 12), "stopped", null, null);
    }

    // Saturday 01:02: a hyperparameter sweep launches a hundred g5.12xlarge at once; each trial ends after 2-6 h
    // but nobody stops the instances until Sunday morning.
    private static IEnumerable<GeneratedRow> WeekendSweep(Random random)
    {
        var launch = At(7, 1, 2);
        var done = At(8, 8, 2);
        for (var i = 0; i < 100; i++)
        {
            var trial = new SampleInstance(
                "aws", AwsMl, "us-east-1", $"i-0sweep{i:D3}", "g5.12xlarge", 5.672m, $"owner=carol;cost-center=ml-research;project=hparam-sweep;trial={i}");
            var finish = launch.AddMinutes(120 + (random.Next(0, 25) * 10));
            foreach (var row in trial.Timeline(launch, done, TenMinutes, t => ("running", t < finish ? Busy(random) : Quiet(random), 3)))
            {
                yield return row;
            }

            yield return trial.Row(done, "terminated", null, null);
        }
    }

    // An Azure VM without the monitoring agent: it runs for two days and never reports GPU metrics.
    private static IEnumerable<GeneratedRow> NoMetrics(Random random)
    {
        var vm = new SampleInstance(
            "azure", AzureResearch, "eastus",
            $"/subscriptions/{AzureResearch}/resourceGroups/vision/providers/Microsoft.Compute/virtualMachines/nc-nometrics-01",
            "Standard_NC24ads_A100_v4", 3.673m, "owner=bob;cost-center=vision");
        foreach (var row in vm.Timeline(At(3, 8), At(5, 8), FiveMinutes, _ => ("running", null, Math.Round(20 + (random.NextDouble() * 20), 1))))
        {
            yield return row;
        }

        yield return vm.Row(At(5, 8), "stopped", null, null);
    }

    // A forgotten staging environment: three GPU instances with no owner tag, lightly busy, running for two weeks.
    private static IEnumerable<GeneratedRow> ZombieEnvironment(Random random)
    {
        for (var i = 1; i <= 3; i++)
        {
            var zombie = new SampleInstance("aws", AwsStaging, "us-west-2", $"i-0z0mb1e00000{i}", "g5.12xlarge", 5.672m, $"env=staging-llm;Name=llm-staging-{i}");
            foreach (var row in zombie.Timeline(Start, End, FifteenMinutes, _ => ("running", Math.Round(8 + (random.NextDouble() * 12), 1), 12)))
            {
                yield return row;
            }
        }
    }

    // A ten-day training run, exempt by tag: every 8 h it checkpoints for 45 min at ~1% GPU, which would look idle.
    private static IEnumerable<GeneratedRow> ExemptLongJob(Random random)
    {
        var vm = new SampleInstance(
            "azure", AzureResearch, "westeurope",
            $"/subscriptions/{AzureResearch}/resourceGroups/foundation/providers/Microsoft.Compute/virtualMachines/nd-train-llm-01",
            "Standard_ND96asr_v4", 27.197m, "owner=dana;cost-center=foundation-models;costguard:exempt-until=2026-11-13T00:00:00Z");
        var from = At(2, 6);
        foreach (var row in vm.Timeline(from, At(12, 18), FifteenMinutes, t =>
                     ("running", (t - from).TotalMinutes % 480 < 45 ? Quiet(random) : Math.Round(92 + (random.NextDouble() * 6), 1), 30)))
        {
            yield return row;
        }

        yield return vm.Row(At(12, 18), "stopped", null, null);
    }

    // Four data scientists share steady inference boxes; on Saturday the 14th a new user runs six p4d all day.
    private static IEnumerable<GeneratedRow> SpendAnomaly(Random random)
    {
        foreach (var user in new[] { "erin", "frank", "grace", "heidi" })
        {
            var box = new SampleInstance("aws", AwsDataScience, "us-east-1", $"i-0ds{user}0001", "g5.2xlarge", 1.212m, $"owner={user};cost-center=data-science");
            foreach (var row in box.Timeline(Start, End, FifteenMinutes, _ => ("running", Math.Round(30 + (random.NextDouble() * 40), 1), 25)))
            {
                yield return row;
            }
        }

        for (var i = 1; i <= 6; i++)
        {
            var big = new SampleInstance("aws", AwsDataScience, "us-east-1", $"i-0mallory000{i}", "p4d.24xlarge", 32.7726m, "owner=mallory;cost-center=data-science");
            foreach (var row in big.Timeline(At(14, 0, 30), At(14, 20, 30), FifteenMinutes, _ => ("running", Busy(random), 40)))
            {
                yield return row;
            }

            yield return big.Row(At(14, 20, 30), "terminated", null, null);
        }
    }

    // Wednesday: a g6 notebook idles over a 40-minute lunch; the guard stops it ten minutes before its owner returns.
    private static IEnumerable<GeneratedRow> LunchBreak(Random random)
    {
        var notebook = new SampleInstance("aws", AwsMl, "us-east-1", "i-0l0nch0notebook01", "g6.xlarge", 0.805m, "owner=ivan;cost-center=ml-research;Name=ivan-notebook");
        foreach (var row in notebook.Timeline(At(4, 9), At(4, 17), FiveMinutes, t =>
                     ("running", t >= At(4, 12) && t < At(4, 12, 40) ? Quiet(random) : Busy(random), 20)))
        {
            yield return row;
        }

        yield return notebook.Row(At(4, 17), "stopped", null, null);
    }
}
