using CostGuard.Ports;

namespace CostGuard.Cli.Composition;

/// <summary>The CLI's composition root for alert delivery (Slack/Teams senders implement <see cref="IAlertNotifier"/>).</summary>
internal static class NotifierFactory
{
    /// <summary>
    /// No sender is wired yet, so live sweeps deliver nothing (alerts are still audited and printed).
    /// When the alert senders are on main, return them here, built from <paramref name="env"/> and <paramref name="state"/> (the ledger).
    /// </summary>
    public static IAlertNotifier? Create(CliEnvironment env, IStateStore state) => null;
}
