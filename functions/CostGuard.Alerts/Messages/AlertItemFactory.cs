using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Alerts.Messages;

/// <summary>Turns a sweep's alerts and applied actions into <see cref="AlertItem"/>s a person can act on.</summary>
internal static class AlertItemFactory
{
    private const string DefaultUserTag = "owner";

    public static IReadOnlyList<AlertItem> Create(Policy policy, AlertBatch batch, DateTimeOffset now)
    {
        var hint = ExemptionHint.For(policy, now);
        var items = new List<AlertItem>(batch.Alerts.Count + batch.Actions.Count);
        foreach (var alert in batch.Alerts)
        {
            items.Add(FromAlert(policy, alert, hint));
        }

        foreach (var outcome in batch.Actions)
        {
            // Only what really happened is announced; failures reach people as guard-failure alerts from the sweep.
            if (outcome.Status == ActionStatus.Applied && FromAction(policy, outcome.Action, hint) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public static AlertItem FromAlert(Policy policy, PlannedAlert alert, string? exemptionHint)
    {
        var text = AlertTexts.For(alert.Kind, policy.Mode);
        var kind = AlertTexts.Label(alert.Kind);

        // Cap warnings at different thresholds are different news; everything else is (kind, account, instance).
        var distinguisher = alert.Kind == AlertKind.CapWarning ? alert.DedupKey : null;
        return new AlertItem
        {
            Kind = kind,
            Title = text.Title,
            Severity = alert.Severity,
            Cloud = alert.Cloud,
            Account = alert.Account,
            Instance = alert.Instance,
            Owner = OwnerOf(policy, alert.Instance),
            WhatWasDone = text.WhatWasDone,
            Why = alert.Message,
            HowToAct = alert.Instance is null ? text.HowToAct : exemptionHint ?? text.HowToAct,
            DedupKey = DedupKey(kind, alert.Cloud, alert.Account, alert.Instance?.Id, distinguisher),
        };
    }

    public static AlertItem? FromAction(Policy policy, PlannedAction action, string? exemptionHint)
    {
        if (ActionTexts.For(policy, action) is not { } text)
        {
            return null;
        }

        var instance = action.Instance;
        return new AlertItem
        {
            Kind = text.Kind,
            Title = text.Title,
            Severity = text.Severity,
            Cloud = instance.Cloud,
            Account = instance.Account,
            Instance = instance,
            Owner = OwnerOf(policy, instance),
            WhatWasDone = text.WhatWasDone,
            Why = action.Detail,
            HowToAct = text.HowToAct ?? exemptionHint,
            DedupKey = DedupKey(text.Kind, instance.Cloud, instance.Account, instance.Id, null),
        };
    }

    public static string DedupKey(string kind, CloudKind cloud, string account, string? instanceId, string? distinguisher)
    {
        var key = $"{kind}|{cloud.ToString().ToLowerInvariant()}|{account}|{instanceId ?? "*"}";
        return distinguisher is null ? key : $"{key}|{distinguisher}";
    }

    private static string? OwnerOf(Policy policy, InstanceSnapshot? instance) =>
        instance?.Tag(policy.Anomaly?.UserTag ?? DefaultUserTag) is { Length: > 0 } owner ? owner : null;
}
