using CostGuard.Alerts.Messages;
using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Alerts.Tests;

/// <summary>Ready-made messages for the payload builders and the HTML previews.</summary>
internal static class MessageSamples
{
    public static AlertMessage Single(AlertItem? item = null) => new()
    {
        PolicyName = "gpu-guard",
        Route = "default",
        Time = Samples.Now,
        Items = [item ?? IdleStop()],
        TopItems = 10,
    };

    public static AlertMessage Digest(int count = 25, int top = 10)
    {
        var policy = Samples.Policy();
        var hint = ExemptionHint.For(policy, Samples.Now);
        var items = new List<AlertItem>
        {
            AlertItemFactory.FromAlert(policy, Samples.Alert(AlertKind.CapBreach, AlertSeverity.Critical), hint),
            AlertItemFactory.FromAction(policy, Samples.Applied(ActionKind.Tag, ActionReason.Orphan, Samples.Instance(id: "i-0orphan00000000001", owner: null, team: null, usdPerHour: 12.24m, type: "g5.12xlarge")).Action, hint)!,
            AlertItemFactory.FromAction(policy, Samples.Applied(ActionKind.Stop, ActionReason.BurnCap, Samples.Instance(id: "i-0burn000000000001", owner: "bob", usdPerHour: 40.97m, type: "p5.48xlarge")).Action, hint)!,
        };
        for (var i = items.Count; i < count; i++)
        {
            items.Add(AlertItemFactory.FromAction(policy, Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: $"i-0idle{i:D13}", usdPerHour: 1.006m * (i + 1), owner: i % 2 == 0 ? "alice" : "carol")).Action, hint)!);
        }

        return new AlertMessage
        {
            PolicyName = "gpu-guard",
            Route = "ml-research",
            Time = Samples.Now,
            Items = AlertMessage.Order(items),
            TopItems = top,
        };
    }

    public static AlertItem IdleStop()
    {
        var policy = Samples.Policy();
        return AlertItemFactory.FromAction(policy, Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance()).Action, ExemptionHint.For(policy, Samples.Now))!;
    }
}
