using System.CommandLine;
using System.Text.Json;
using CostGuard.Alerts;
using CostGuard.Policies.Loading;
using CostGuard.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CostGuard.Cli.Commands;

/// <summary>
/// <c>costguard alerts test --policy P</c>: sends one sample alert to each configured route and channel and says which
/// succeeded. Human output on stderr; with <c>--json</c> the results go to stdout. Webhook URLs are never printed.
/// </summary>
internal static class AlertsCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create(CliEnvironment env)
    {
        var policy = new Option<FileInfo>("--policy") { Description = "Policy JSON whose alerts section to test.", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON to stdout." };
        var test = new Command("test", "Send one sample alert to every configured route and channel.") { policy, json };
        test.SetAction((parseResult, cancellationToken) =>
            TestAsync(env, parseResult.GetValue(policy)!, parseResult.GetValue(json), cancellationToken));
        return new Command("alerts", "Work with alert destinations (Slack, Teams).") { test };
    }

    private static async Task<int> TestAsync(CliEnvironment env, FileInfo file, bool json, CancellationToken cancellationToken)
    {
        var loaded = await PolicyLoader.LoadFileAsync(file.ToString(), cancellationToken).ConfigureAwait(false);
        if (!loaded.IsValid || loaded.Policy is not { } policy)
        {
            // The loader's messages never repeat a URL written in the policy (it rejects them without echoing).
            foreach (var error in loaded.Errors)
            {
                await env.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        }

        if (AlertTestSender.Destinations(policy).Count == 0)
        {
            await env.Error.WriteLineAsync($"error: policy {policy.Name} configures no alert destination (alerts.slack, alerts.teams or alerts.routes)")
                .ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var services = await CliServices.ForAlertsAsync(env, "no test alert was sent", cancellationToken).ConfigureAwait(false);
        if (services is null)
        {
            return ExitCodes.InvalidInput;
        }

        await using var disposeServices = services.ConfigureAwait(false);
        var report = await services.GetRequiredService<AlertTestSender>().SendAsync(policy, cancellationToken).ConfigureAwait(false);

        foreach (var result in report.Results)
        {
            var line = result.Succeeded
                ? $"ok      {result.Route}/{result.Channel}"
                : $"FAILED  {result.Route}/{result.Channel}: {result.Error}";
            await env.Error.WriteLineAsync(line).ConfigureAwait(false);
        }

        var failed = report.Results.Count(r => !r.Succeeded);
        await env.Error.WriteLineAsync(failed == 0
            ? $"all {report.Results.Count} destination(s) received the test alert"
            : $"{failed} of {report.Results.Count} destination(s) failed").ConfigureAwait(false);
        if (json)
        {
            var output = new
            {
                policy = policy.Name,
                allSucceeded = report.AllSucceeded,
                results = report.Results.Select(r => new { r.Route, r.Channel, r.Succeeded, r.Error }),
            };
            await env.Out.WriteLineAsync(JsonSerializer.Serialize(output, Json)).ConfigureAwait(false);
        }

        return report.AllSucceeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
