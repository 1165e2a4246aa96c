using System.Text.Json;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Cli.Commands;

/// <summary>
/// STOP-GAP until <c>CostGuard.Policies.Loading.PolicyLoader</c> (branch <c>policy</c>) lands on main: reads only what
/// <c>alerts test</c> needs (name, mode, accounts, exemptions, anomaly.userTag, alerts). It does not validate the whole
/// policy. Delete this file and switch <see cref="AlertsCommand"/>'s LoadPolicyAsync to the real loader when it lands.
/// </summary>
internal static class InterimPolicyReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static async Task<(Policy? Policy, IReadOnlyList<string> Errors)> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            await using var stream = file.OpenRead();
            document = await JsonDocument.ParseAsync(stream, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{file.Name}: cannot read: {ex.Message}"]);
        }
        catch (JsonException ex)
        {
            return (null, [$"{file.Name}: not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            var name = String(root, "name", "$", file, errors, required: true);
            var policy = new Policy
            {
                Name = name ?? "?",
                Mode = String(root, "mode", "$", file, errors, required: false) == "dry-run" ? PolicyMode.DryRun : PolicyMode.Enforce,
                Accounts = Accounts(root),
                Exemptions = Object(root, "exemptions") is { } ex ? new ExemptionRule
                {
                    Tag = String(ex, "tag", "$.exemptions", file, errors, required: false) ?? "costguard:exempt-until",
                    MaxDuration = Duration(ex, "maxDuration", "$.exemptions", file, errors),
                } : null,
                Anomaly = Object(root, "anomaly") is { } an
                    ? new AnomalyRule { UserTag = String(an, "userTag", "$.anomaly", file, errors, required: false) ?? "owner" }
                    : null,
                Alerts = Object(root, "alerts") is { } alerts ? Alerts(alerts, file, errors) : null,
            };
            return (errors.Count == 0 ? policy : null, errors);
        }
    }

    private static AlertsConfig Alerts(JsonElement alerts, FileInfo file, List<string> errors)
    {
        var routes = new List<AlertRoute>();
        if (alerts.TryGetProperty("routes", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var route in list.EnumerateArray())
            {
                var path = $"$.alerts.routes[{i++}]";
                routes.Add(new AlertRoute
                {
                    Name = String(route, "name", path, file, errors, required: true) ?? "?",
                    Accounts = route.TryGetProperty("accounts", out var a) && a.ValueKind == JsonValueKind.Array
                        ? [.. a.EnumerateArray().Select(x => x.ToString())] : [],
                    Tags = route.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object
                        ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString()) : new Dictionary<string, string>(),
                    MinSeverity = String(route, "minSeverity", path, file, errors, required: false) switch
                    {
                        "critical" => AlertSeverity.Critical,
                        "warning" => AlertSeverity.Warning,
                        _ => AlertSeverity.Info,
                    },
                    Slack = Target(route, "slack", path, file, errors),
                    Teams = Target(route, "teams", path, file, errors),
                });
            }
        }

        return new AlertsConfig
        {
            Slack = Target(alerts, "slack", "$.alerts", file, errors),
            Teams = Target(alerts, "teams", "$.alerts", file, errors),
            Routes = routes,
            DedupWindow = Duration(alerts, "dedupWindow", "$.alerts", file, errors) ?? TimeSpan.FromHours(6),
        };
    }

    private static WebhookTarget? Target(JsonElement parent, string property, string path, FileInfo file, List<string> errors)
    {
        if (Object(parent, property) is not { } target)
        {
            return null;
        }

        var setting = String(target, "webhookUrlSetting", $"{path}.{property}", file, errors, required: true);
        if (setting is not null && setting.Contains("://", StringComparison.Ordinal))
        {
            // Never echo the value: it is the secret.
            errors.Add($"{file.Name}: {path}.{property}.webhookUrlSetting must name a setting (environment variable), not contain the URL");
            return null;
        }

        return setting is null ? null : new WebhookTarget { WebhookUrlSetting = setting };
    }

    private static IReadOnlyList<AccountScope> Accounts(JsonElement root) =>
        root.TryGetProperty("accounts", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("id", out _))
                .Select(a => new AccountScope
                {
                    Cloud = a.TryGetProperty("cloud", out var c) && c.ToString() == "azure" ? CloudKind.Azure : CloudKind.Aws,
                    Id = a.GetProperty("id").ToString(),
                })]
            : [];

    private static JsonElement? Object(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement parent, string property, string path, FileInfo file, List<string> errors, bool required)
    {
        if (parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        if (required || parent.TryGetProperty(property, out _))
        {
            errors.Add($"{file.Name}: {path}.{property}: expected a non-empty string");
        }

        return null;
    }

    private static TimeSpan? Duration(JsonElement parent, string property, string path, FileInfo file, List<string> errors)
    {
        if (String(parent, property, path, file, errors, required: false) is not { } text)
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var value, out var error))
        {
            return value;
        }

        errors.Add($"{file.Name}: {path}.{property}: {error}");
        return null;
    }
}
