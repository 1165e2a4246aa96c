using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Alerts.Messages;

/// <summary>The alert <c>costguard alerts test</c> sends: clearly a test, with every fact filled so the layout can be checked.</summary>
internal static class SampleAlert
{
    public static AlertItem For(Policy policy, string route, DateTimeOffset now)
    {
        var account = policy.Accounts.Count > 0 ? policy.Accounts[0] : null;
        var cloud = account?.Cloud ?? CloudKind.Aws;
        var userTag = policy.Anomaly?.UserTag ?? "owner";
        var instance = new InstanceSnapshot
        {
            Cloud = cloud,
            Account = account?.Id ?? "123456789012",
            Region = cloud == CloudKind.Aws ? "us-east-1" : "eastus",
            // Not a real id shape on purpose: the test message must not link to some real instance.
            Id = cloud == CloudKind.Aws ? "sample-instance (test)" : "sample-vm (test)",
            Type = cloud == CloudKind.Aws ? "p4d.24xlarge" : "Standard_NC24ads_A100_v4",
            State = InstanceState.Running,
            LaunchTime = now.AddHours(-6),
            Tags = new Dictionary<string, string> { [userTag] = "costguard-test" },
            UsdPerHour = 32.77m,
        };
        return new AlertItem
        {
            Kind = "test",
            Title = "CostGuard test alert",
            Severity = AlertSeverity.Info,
            Cloud = cloud,
            Account = instance.Account,
            Instance = instance,
            Owner = "costguard-test",
            WhatWasDone = "Nothing: this is a test message from `costguard alerts test`; no instance was touched.",
            Why = $"Checks that alert route '{route}' of policy '{policy.Name}' reaches this channel.",
            HowToAct = ExemptionHint.For(policy, now),
            DedupKey = $"test|{route}",
        };
    }
}
