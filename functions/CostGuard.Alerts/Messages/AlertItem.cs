using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Alerts.Messages;

/// <summary>One thing to tell a person, from an engine alert or an applied action, in the words of the message.</summary>
internal sealed record AlertItem
{
    /// <summary>Stable kind label, e.g. <c>cap-breach</c> or <c>idle-stop</c>; part of the dedup key.</summary>
    public required string Kind { get; init; }

    /// <summary>Header line, e.g. "Idle GPU instance stopped".</summary>
    public required string Title { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required CloudKind Cloud { get; init; }

    /// <summary>Account id, or <c>*</c> when the item is about the whole sweep.</summary>
    public required string Account { get; init; }

    public InstanceSnapshot? Instance { get; init; }

    /// <summary>The owner named by the policy's user tag (anomaly.userTag, default <c>owner</c>); null when untagged.</summary>
    public string? Owner { get; init; }

    /// <summary>What CostGuard did (or did not do), in one sentence.</summary>
    public required string WhatWasDone { get; init; }

    /// <summary>Why, in the engine's words.</summary>
    public required string Why { get; init; }

    /// <summary>What the reader can do about it (add tags, exempt, raise the cap); null when nothing applies.</summary>
    public string? HowToAct { get; init; }

    /// <summary>The same alert (kind, account, instance) has the same key; the ledger suppresses re-sends with it.</summary>
    public required string DedupKey { get; init; }

    // Labels and sentences are bounded and free of control characters: every channel starts from these.
    public string InstanceLabel => ChatText.Value(Instance?.Id ?? "-");

    public string TypeLabel => ChatText.Value(Instance?.Type ?? "-");

    public string OwnerLabel => Owner is null ? (Instance is null ? "-" : "(no owner tag)") : ChatText.Value(Owner);

    public string RegionLabel => ChatText.Value(Instance?.Region is { Length: > 0 } region ? region : "-");

    public string AccountLabel => Account == "*" ? "all accounts" : $"{CloudLabel} {ChatText.Value(Account)}";

    public string WhyText => ChatText.Sentence(Why);

    public string WhatWasDoneText => ChatText.Sentence(WhatWasDone);

    public string? HowToActText => HowToAct is null ? null : ChatText.Sentence(HowToAct);

    public string CloudLabel => Cloud == CloudKind.Aws ? "AWS" : "Azure";

    public string CostLabel => Instance is null ? "-" : MoneyText.PerHour(Instance.UsdPerHour);
}
