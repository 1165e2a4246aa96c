using CostGuard.Engine;

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

    [Fact]
    public void Write_ControlCharactersInIdsAndTags_ShownEscapedNeverObeyed()
    {
        var hostile = SamplePlan.Vm with { Id = "i-1\u001b[2J\nforged │ row\u202Eevil", Region = "us\u0007east" };
        var plan = SamplePlan.Create() with
        {
            Actions = [new PlannedAction { Action = ActionKind.Tag, Reason = ActionReason.Orphan, Instance = hostile, Detail = "d", TagKey = "k\rx", TagValue = "v\u009bq" }],
        };
        using var writer = new StringWriter();

        PlanTable.Write(writer, plan);

        var text = writer.ToString();
        Assert.Contains("i-1\\u001B[2J\\nforged │ row\\u202Eevil", text, StringComparison.Ordinal);
        Assert.Contains("us\\u0007east", text, StringComparison.Ordinal);
        Assert.Contains("[k\\rx=v\\u009Bq]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c is '\u001b' or '\u0007' or '\u202E' or '\r' or '\u009B');
        Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("forged", StringComparison.Ordinal));
    }
}
