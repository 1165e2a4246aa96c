using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>Runs the simulator over test traces with the real engine unless an evaluator is given.</summary>
internal static class Simulate
{
    public static Task<SimulationResult> RunAsync(Policy policy, TraceText trace, PlanEvaluator? evaluator = null, SimulationOptions? options = null) =>
        new TraceSimulator(evaluator).RunAsync(policy, trace.Open(), options ?? new SimulationOptions(), CancellationToken.None);

    public static Policy Policy(PolicyMode mode = PolicyMode.Enforce) => new()
    {
        Name = "test",
        Mode = mode,
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
    };
}
