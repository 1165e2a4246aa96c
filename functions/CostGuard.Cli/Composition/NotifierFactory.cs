using CostGuard.Alerts;
using CostGuard.Ports;

namespace CostGuard.Cli.Composition;

/// <summary>The CLI's composition root for alert delivery (Slack/Teams senders implement <see cref="IAlertNotifier"/>).</summary>
internal static class NotifierFactory
{
    // One client for the process: a CLI run is short, and sockets are not worth re-creating per sweep.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The Slack/Teams notifier: webhook URLs from the environment, the state store as dedup/pending ledger.</summary>
    public static IAlertNotifier? Create(CliEnvironment env, IStateStore state) => new AlertNotifier(
        Http,
        state,
        new EnvironmentWebhookSettingResolver(env.GetVariable),
        env.Time,
        new AlertNotifierOptions(),
        new StderrLogger<AlertNotifier>(env.Error));
}
