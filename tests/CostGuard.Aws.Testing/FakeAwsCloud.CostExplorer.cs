using System.Globalization;
using System.Text.Json.Nodes;

namespace CostGuard.Aws.Testing;

/// <summary>Cost Explorer GetCostAndUsage over awsJson 1.1 (CLOUD-WIRE-FORMATS.md §2): DAILY, grouped, paged.</summary>
public sealed partial class FakeAwsCloud
{
    private FakeReply AnswerCostExplorer(FakeRequest request)
    {
        var root = JsonNode.Parse(request.Body)!;
        var start = DateOnly.Parse(root["TimePeriod"]!["Start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(root["TimePeriod"]!["End"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        if (end <= start)
        {
            return new FakeReply(400, "application/x-amz-json-1.1", """{"__type":"ValidationException","Message":"Start date must be before end date"}""");
        }

        var groupBy = root["GroupBy"]?.AsArray().Select(g => (Type: g!["Type"]!.GetValue<string>(), Key: g["Key"]!.GetValue<string>())).ToList() ?? [];
        if (groupBy.Count > 2)
        {
            return new FakeReply(400, "application/x-amz-json-1.1", """{"__type":"ValidationException","Message":"at most 2 GroupBy"}""");
        }

        var accounts = (root["Filter"]?["And"]?.AsArray() ?? [])
            .Select(e => e!["Dimensions"])
            .Where(d => d?["Key"]?.GetValue<string>() == "LINKED_ACCOUNT")
            .SelectMany(d => d!["Values"]!.AsArray().Select(v => v!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
        var tagKey = groupBy.FirstOrDefault(g => g.Type == "TAG").Key;

        var groups = Costs
            .Where(c => c.Day >= start && c.Day < end && (accounts.Count == 0 || accounts.Contains(c.Account)))
            .GroupBy(c => (c.Day, c.Account, User: tagKey is null ? null : $"{tagKey}${c.User}"))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Account, StringComparer.Ordinal).ThenBy(g => g.Key.User, StringComparer.Ordinal)
            .Select(g => (g.Key.Day, Keys: g.Key.User is null ? new[] { g.Key.Account } : [g.Key.Account, g.Key.User], Usd: g.Sum(c => c.Usd)))
            .ToList();
        var skip = root["NextPageToken"] is { } token ? int.Parse(token.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        var page = groups.Skip(skip).Take(CostPageSize).ToList();

        var results = new JsonArray();
        foreach (var day in page.GroupBy(g => g.Day))
        {
            var list = new JsonArray();
            foreach (var g in day)
            {
                list.Add(new JsonObject
                {
                    ["Keys"] = new JsonArray(g.Keys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
                    ["Metrics"] = new JsonObject { ["UnblendedCost"] = new JsonObject { ["Amount"] = g.Usd.ToString(CultureInfo.InvariantCulture), ["Unit"] = "USD" } },
                });
            }

            results.Add(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["End"] = day.Key.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                ["Total"] = new JsonObject(),
                ["Groups"] = list,
                ["Estimated"] = day.Key >= DateOnly.FromDateTime(Clock().UtcDateTime).AddDays(-1),
            });
        }

        var response = new JsonObject
        {
            ["GroupDefinitions"] = new JsonArray(groupBy.Select(g => (JsonNode)new JsonObject { ["Type"] = g.Type, ["Key"] = g.Key }).ToArray()),
            ["ResultsByTime"] = results,
            ["DimensionValueAttributes"] = new JsonArray(),
        };
        if (skip + page.Count < groups.Count)
        {
            response["NextPageToken"] = (skip + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        return new FakeReply(200, "application/x-amz-json-1.1", response.ToJsonString());
    }
}
