using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Alerts.Tests;

/// <summary>Hand-made policies, instances, alerts and action outcomes (the engine is tested elsewhere).</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public const string AwsAccount = "123456789012";
    public const string OtherAwsAccount = "210987654321";

    public static Policy Policy(AlertsConfig? alerts = null, PolicyMode mode = PolicyMode.Enforce) => new()
    {
        Name = "gpu-guard",
        Mode = mode,
        Exemptions = new ExemptionRule { MaxDuration = TimeSpan.FromDays(14) },
        Anomaly = new AnomalyRule { UserTag = "owner" },
        Orphans = new OrphanRule { RequiredTags = ["team", "owner"], StopAfter = TimeSpan.FromDays(2), TerminateAfter = TimeSpan.FromDays(7) },
        Alerts = alerts,
    };

    public static AlertsConfig SlackOnly(string setting = "COSTGUARD_SLACK_WEBHOOK_URL") =>
        new() { Slack = new WebhookTarget { WebhookUrlSetting = setting } };

    public static InstanceSnapshot Instance(
        string id = "i-0abc1234def567890",
        string account = AwsAccount,
        decimal usdPerHour = 32.77m,
        string? owner = "alice",
        string? team = "ml-research",
        string type = "p4d.24xlarge")
    {
        var tags = new Dictionary<string, string>();
        if (owner is not null)
        {
            tags["owner"] = owner;
        }

        if (team is not null)
        {
            tags["team"] = team;
        }

        return new InstanceSnapshot
        {
            Cloud = CloudKind.Aws,
            Account = account,
            Region = "us-east-1",
            Id = id,
            Type = type,
            State = InstanceState.Running,
            LaunchTime = Now.AddHours(-8),
            Tags = tags,
            UsdPerHour = usdPerHour,
        };
    }

    public static PlannedAlert Alert(AlertKind kind, AlertSeverity severity = AlertSeverity.Critical, InstanceSnapshot? instance = null, string account = AwsAccount, string? dedupKey = null) => new()
    {
        Kind = kind,
        Severity = severity,
        Cloud = CloudKind.Aws,
        Account = instance?.Account ?? account,
        Instance = instance,
        Message = $"{kind} raised by the engine for {instance?.Id ?? account}.",
        DedupKey = dedupKey ?? $"{kind}:{account}:{instance?.Id}",
    };

    public static ActionOutcome Applied(ActionKind action, ActionReason reason, InstanceSnapshot instance, ActionStatus status = ActionStatus.Applied) => new(
        new PlannedAction
        {
            Action = action,
            Reason = reason,
            Instance = instance,
            Detail = $"{reason} detail for {instance.Id}: GPU below 5% for 30 min.",
            TagKey = action == ActionKind.Tag ? "costguard:orphan" : null,
            TagValue = action == ActionKind.Tag ? "2026-11-26T12:00:00Z" : null,
        },
        status);

    public static AlertBatch Batch(IReadOnlyList<PlannedAlert>? alerts = null, IReadOnlyList<ActionOutcome>? actions = null) => new()
    {
        Time = Now,
        Alerts = alerts ?? [],
        Actions = actions ?? [],
    };
}
