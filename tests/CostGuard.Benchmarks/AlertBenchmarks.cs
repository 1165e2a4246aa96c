using BenchmarkDotNet.Attributes;
using CostGuard.Alerts.Delivery;
using CostGuard.Alerts.Messages;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Alerts.Benchmarks;

/// <summary>
/// Turning one big sweep (1,000 applied stops and 20 alerts) into the Slack and Teams digest payloads: item creation,
/// ordering and rendering, including the Teams size budget (the card is re-rendered until it fits 24 KB).
/// </summary>
[MemoryDiagnoser]
public class AlertBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private Policy _policy = null!;
    private AlertBatch _batch = null!;

    [Params(1_000)]
    public int Actions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _policy = new Policy { Name = "bench", Mode = PolicyMode.Enforce, Exemptions = new ExemptionRule { MaxDuration = TimeSpan.FromDays(14) } };
        var actions = new List<ActionOutcome>();
        for (var i = 0; i < Actions; i++)
        {
            var instance = new InstanceSnapshot
            {
                Cloud = CloudKind.Aws,
                Account = $"{100000000000 + (i % 20)}",
                Region = "us-east-1",
                Id = $"i-{i:D17}",
                Type = "p4d.24xlarge",
                State = InstanceState.Running,
                LaunchTime = Now.AddHours(-3),
                Tags = new Dictionary<string, string> { ["owner"] = $"user{i % 50}" },
                UsdPerHour = 1 + (i % 97),
            };
            var action = new PlannedAction { Action = ActionKind.Stop, Reason = ActionReason.Idle, Instance = instance, Detail = "GPU below 5% for 30 min" };
            actions.Add(new ActionOutcome(action, ActionStatus.Applied));
        }

        var alerts = Enumerable.Range(0, 20).Select(i => new PlannedAlert
        {
            Kind = AlertKind.CapWarning,
            Severity = AlertSeverity.Warning,
            Cloud = CloudKind.Aws,
            Account = $"{100000000000 + i}",
            Message = "month-to-date GPU spend has reached 80% of the monthly cap",
            DedupKey = $"cap-warning|aws|{100000000000 + i}|2026-11|80",
        }).ToList();
        _batch = new AlertBatch { Time = Now, Alerts = alerts, Actions = actions };
    }

    [Benchmark]
    public int SlackAndTeamsDigests()
    {
        var items = AlertItemFactory.Create(_policy, _batch, Now);
        var message = new AlertMessage { PolicyName = _policy.Name, Route = "default", Time = Now, Items = AlertMessage.Order(items), TopItems = 10 };
        return PayloadRenderer.Render(AlertChannel.Slack, message).Length + PayloadRenderer.Render(AlertChannel.Teams, message).Length;
    }
}
