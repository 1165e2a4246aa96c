using System.Text.Json.Nodes;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>Webhook settings are setting names, routes have a destination, unique names and known accounts.</summary>
internal static class AlertChecks
{
    public static void Check(JsonObject policy, List<JsonIssue> issues)
    {
        if (JsonRead.Object(policy["alerts"]) is not { } alerts)
        {
            return;
        }

        CheckTarget(alerts, "/alerts", issues);
        if (JsonRead.Array(alerts["routes"]) is not { } routes)
        {
            return;
        }

        var declared = AccountChecks.DeclaredIds(policy);
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < routes.Count; i++)
        {
            if (JsonRead.Object(routes[i]) is not { } route)
            {
                continue;
            }

            var pointer = JsonPointers.Append("/alerts/routes", i);
            CheckTarget(route, pointer, issues);
            if (JsonRead.String(route["name"]) is { } name)
            {
                if (names.TryGetValue(name, out var first))
                {
                    issues.Add(new JsonIssue(pointer + "/name", $"route name \"{name}\" is already used by $.alerts.routes[{first}]; route names must be unique"));
                }
                else
                {
                    names[name] = i;
                }
            }

            if (!route.ContainsKey("slack") && !route.ContainsKey("teams"))
            {
                issues.Add(new JsonIssue(pointer, "this route has no destination: add \"slack\" and/or \"teams\" with a webhookUrlSetting"));
            }

            CheckRouteAccounts(route, pointer, declared, issues);
        }
    }

    private static void CheckRouteAccounts(JsonObject route, string pointer, IReadOnlySet<string> declared, List<JsonIssue> issues)
    {
        if (JsonRead.Array(route["accounts"]) is not { } accounts)
        {
            return;
        }

        for (var a = 0; a < accounts.Count; a++)
        {
            if (JsonRead.String(accounts[a]) is not { } id || UrlRedactor.ContainsUrl(id))
            {
                continue;
            }

            var at = JsonPointers.Append(pointer + "/accounts", a);
            if (!AccountIds.IsAny(id))
            {
                issues.Add(new JsonIssue(at, $"\"{id}\" is not an account id: expected a 12-digit AWS account id or an Azure subscription GUID"));
            }
            else if (declared.Count > 0 && !declared.Contains(id))
            {
                issues.Add(new JsonIssue(at, $"account \"{id}\" is not listed in accounts, so this route would never match it"));
            }
        }
    }

    private static void CheckTarget(JsonObject owner, string pointer, List<JsonIssue> issues)
    {
        foreach (var channel in new[] { "slack", "teams" })
        {
            var at = $"{pointer}/{channel}/webhookUrlSetting";
            if (JsonRead.String(JsonRead.Object(owner[channel])?["webhookUrlSetting"]) is { } setting
                && !UrlRedactor.ContainsUrl(setting) && !AccountIds.IsSettingName(setting))
            {
                issues.Add(new JsonIssue(at, $"\"{setting}\" is not a setting name: name the environment variable / app setting that holds the URL (letters, digits, '_', '.', ':' or '-', starting with a letter or '_'), e.g. COSTGUARD_{channel.ToUpperInvariant()}_WEBHOOK_URL"));
            }
        }
    }
}
