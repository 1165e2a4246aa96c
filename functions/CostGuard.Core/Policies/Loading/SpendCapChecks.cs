using System.Text.Json.Nodes;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>Warning thresholds are percentages, overrides name real accounts, and warnings have a cap to be a percentage of.</summary>
internal static class SpendCapChecks
{
    public static void Check(JsonObject policy, List<JsonIssue> issues)
    {
        if (JsonRead.Object(policy["spendCap"]) is not { } cap)
        {
            return;
        }

        CheckPercents(cap["warnAtPercent"], "/spendCap/warnAtPercent", issues);
        var anyMonthly = cap.ContainsKey("monthlyUsd");
        var declared = AccountChecks.DeclaredIds(policy);
        if (JsonRead.Object(cap["perAccount"]) is { } perAccount)
        {
            foreach (var (id, value) in perAccount)
            {
                var pointer = JsonPointers.Append("/spendCap/perAccount", id);
                if (UrlRedactor.ContainsUrl(id))
                {
                    continue;
                }

                if (!AccountIds.IsAny(id))
                {
                    issues.Add(new JsonIssue(pointer, $"key \"{id}\" is not an account id: expected a 12-digit AWS account id (\"{AccountIds.AwsExample}\") or an Azure subscription GUID", AtName: true));
                }
                else if (declared.Count > 0 && !declared.Contains(id))
                {
                    issues.Add(new JsonIssue(pointer, $"account \"{id}\" has caps here but is not listed in accounts: add it to accounts or remove this override", AtName: true));
                }

                var overrides = JsonRead.Object(value);
                anyMonthly |= overrides?.ContainsKey("monthlyUsd") == true;
                CheckPercents(overrides?["warnAtPercent"], pointer + "/warnAtPercent", issues);
            }
        }

        if (JsonRead.Array(cap["warnAtPercent"]) is { Count: > 0 } && !anyMonthly)
        {
            issues.Add(new JsonIssue("/spendCap/warnAtPercent", "warnAtPercent needs a monthlyUsd cap to be a percentage of: set spendCap.monthlyUsd (or a perAccount monthlyUsd)"));
        }
    }

    private static void CheckPercents(JsonNode? node, string pointer, List<JsonIssue> issues)
    {
        if (JsonRead.Array(node) is not { } percents)
        {
            return;
        }

        for (var i = 0; i < percents.Count; i++)
        {
            if (JsonRead.Number(percents[i]) is { } percent && (percent < 1 || percent > 100 || percent != decimal.Truncate(percent)))
            {
                issues.Add(new JsonIssue(JsonPointers.Append(pointer, i), $"warnAtPercent values are whole percentages from 1 to 100; found {percent}"));
            }
        }
    }
}
