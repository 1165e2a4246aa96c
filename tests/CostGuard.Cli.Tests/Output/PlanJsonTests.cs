using System.Text.Json;

namespace CostGuard.Cli.Output;

public sealed class PlanJsonTests
{
    [Fact]
    public void Render_Plan_HasTheSharedShapeWithKebabEnumsAndUtcTimes()
    {
        using var doc = JsonDocument.Parse(PlanJson.Render(SamplePlan.Create()));
        var root = doc.RootElement;

        Assert.Equal(["policy", "mode", "evaluatedAt", "accounts", "actions", "alerts", "deferred"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dry-run", root.GetProperty("mode").GetString());
        Assert.Equal("2026-11-26T12:00:00Z", root.GetProperty("evaluatedAt").GetString());

        var account = Assert.Single(root.GetProperty("accounts").EnumerateArray());
        Assert.Equal("azure", account.GetProperty("cloud").GetString());
        Assert.Equal(51230.10m, account.GetProperty("monthToDateUsd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, account.GetProperty("spendAsOf").ValueKind);
        Assert.Equal(JsonValueKind.Null, account.GetProperty("caps").GetProperty("maxHourlyBurnUsd").ValueKind);
        Assert.Equal(2, account.GetProperty("billingGpuInstances").GetInt32() + 1);

        var actions = root.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal("stop", actions[0].GetProperty("action").GetString());
        Assert.Equal("monthly-cap", actions[0].GetProperty("reason").GetString());
        Assert.Equal(SamplePlan.Vm.Id, actions[0].GetProperty("instance").GetString());
        Assert.Equal("2026-11-26T12:00:00Z", actions[0].GetProperty("time").GetString());
        Assert.False(actions[0].TryGetProperty("tagKey", out _));
        Assert.Equal("costguard:orphan", actions[1].GetProperty("tagKey").GetString());
        Assert.Equal("terminate", Assert.Single(root.GetProperty("deferred").EnumerateArray()).GetProperty("action").GetString());

        var alerts = root.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal("exemption-invalid", alerts[0].GetProperty("kind").GetString());
        Assert.Equal(SamplePlan.Vm.Id, alerts[0].GetProperty("instance").GetString());
        Assert.Equal("action-limit", alerts[1].GetProperty("kind").GetString());
        Assert.Equal("critical", alerts[1].GetProperty("severity").GetString());
        Assert.False(alerts[1].TryGetProperty("instance", out _));
    }
}
