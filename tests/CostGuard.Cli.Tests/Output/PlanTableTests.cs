namespace CostGuard.Cli.Output;

public sealed class PlanTableTests
{
    [Fact]
    public void Write_Plan_ShowsAccountsActionsDeferredAndAlertsWithoutMarkupErrors()
    {
        using var writer = new StringWriter();

        PlanTable.Write(writer, SamplePlan.Create());

        var text = writer.ToString();
        Assert.Contains("team-gpu-guard (dry-run) at 2026-11-26T12:00:00Z", text, StringComparison.Ordinal);
        Assert.Contains("51,230.10", text, StringComparison.Ordinal);
        Assert.Contains("monthly-cap", text, StringComparison.Ordinal);
        Assert.Contains("[monthly]", text, StringComparison.Ordinal);
        Assert.Contains("vm[1]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("resourceGroups", text, StringComparison.Ordinal);
        Assert.Contains("Deferred by the safety limit (1)", text, StringComparison.Ordinal);
        Assert.Contains("exemption-invalid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }
}
