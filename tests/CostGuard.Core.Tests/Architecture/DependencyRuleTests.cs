using CostGuard.Engine;

namespace CostGuard.Architecture;

/// <summary>Dependencies inside Core point inward: the engine knows the policy and the fleet, nothing that runs it.</summary>
public sealed class DependencyRuleTests
{
    private static readonly System.Reflection.Assembly Core = typeof(DecisionEngine).Assembly;

    [Theory]
    [InlineData("CostGuard.Engine", "CostGuard.Sweeps")]
    [InlineData("CostGuard.Engine", "CostGuard.Simulation")]
    [InlineData("CostGuard.Engine", "CostGuard.Ports")]
    [InlineData("CostGuard.Fleet", "CostGuard.Engine")]
    [InlineData("CostGuard.Fleet", "CostGuard.Sweeps")]
    [InlineData("CostGuard.Fleet", "CostGuard.Simulation")]
    [InlineData("CostGuard.Policies", "CostGuard.Engine")]
    [InlineData("CostGuard.Policies", "CostGuard.Fleet")]
    [InlineData("CostGuard.Simulation.Trace", "CostGuard.Simulation.World")]
    [InlineData("CostGuard.Simulation.Trace", "CostGuard.Engine")]
    public void Types_InInnerNamespace_NeverUseOuterNamespace(string inner, string outer)
    {
        var violations = Violations(inner, outer);

        Assert.True(violations.Count == 0, $"{inner} uses {outer}:\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("CostGuard.Sweeps", "CostGuard.Engine")]
    [InlineData("CostGuard.Simulation.World", "CostGuard.Simulation.Trace")]
    [InlineData("CostGuard.Engine", "CostGuard.Fleet")]
    public void Violations_OuterUsesInner_AreFound(string outer, string inner)
    {
        // The check must be able to fail: the outer rooms really do use the inner ones.
        Assert.NotEmpty(Violations(outer, inner));
    }

    [Fact]
    public void Violations_CallOnlyInMethodBody_IsFound()
    {
        // GuardSweep news up the engine only inside a constructor body, never in a signature.
        Assert.Contains(
            Violations("CostGuard.Sweeps", "CostGuard.Engine"),
            v => v.Contains("GuardSweep", StringComparison.Ordinal) && v.Contains("DecisionEngine", StringComparison.Ordinal));
    }

    private static List<string> Violations(string inner, string outer) =>
        TypeReferences.UsedBy(TypeReferences.DeclaredIn(Core, inner))
            .Where(p => TypeReferences.InNamespace(p.Used.Namespace, outer))
            .Select(p => $"{p.User.FullName} -> {p.Used.FullName}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
}
