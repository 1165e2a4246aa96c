using System.Text.Json.Nodes;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>Account ids match their cloud, appear once, and cloud-specific fields sit on the right cloud.</summary>
internal static class AccountChecks
{
    public static void Check(JsonObject policy, List<JsonIssue> issues)
    {
        if (JsonRead.Array(policy["accounts"]) is not { } accounts)
        {
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < accounts.Count; i++)
        {
            if (JsonRead.Object(accounts[i]) is not { } account)
            {
                continue;
            }

            var pointer = JsonPointers.Append("/accounts", i);
            var cloud = JsonRead.String(account["cloud"]);
            var id = JsonRead.String(account["id"]);
            if (cloud is not ("aws" or "azure"))
            {
                continue;
            }

            if (id is not null)
            {
                if (AccountIds.Problem(cloud, id) is { } problem)
                {
                    issues.Add(new JsonIssue(pointer + "/id", problem));
                }
                else if (seen.TryGetValue($"{cloud}:{id}", out var first))
                {
                    issues.Add(new JsonIssue(pointer + "/id", $"{cloud} account {id} is listed twice (first at $.accounts[{first}]); list each account once"));
                }
                else
                {
                    seen[$"{cloud}:{id}"] = i;
                }
            }

            if (cloud == "aws")
            {
                CheckAws(account, pointer, issues);
            }
            else
            {
                CheckAzure(account, pointer, issues);
            }
        }
    }

    /// <summary>Ids of every well-formed account the policy lists (empty when it lists none).</summary>
    public static IReadOnlySet<string> DeclaredIds(JsonObject policy) =>
        (JsonRead.Array(policy["accounts"]) ?? [])
            .Select(a => JsonRead.String(JsonRead.Object(a)?["id"]))
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static void CheckAws(JsonObject account, string pointer, List<JsonIssue> issues)
    {
        if (JsonRead.Array(account["regions"]) is { } regions)
        {
            for (var r = 0; r < regions.Count; r++)
            {
                if (JsonRead.String(regions[r]) is { } region && !AccountIds.IsAwsRegion(region) && !UrlRedactor.ContainsUrl(region))
                {
                    issues.Add(new JsonIssue(JsonPointers.Append(pointer + "/regions", r), $"\"{region}\" is not an AWS region name: expected e.g. us-east-1, eu-west-2 or ap-southeast-2"));
                }
            }
        }

        if (JsonRead.String(account["roleArn"]) is { } arn && !AccountIds.IsRoleArn(arn) && !UrlRedactor.ContainsUrl(arn))
        {
            issues.Add(new JsonIssue(pointer + "/roleArn", $"\"{arn}\" is not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>"));
        }

        if (account.ContainsKey("logAnalyticsWorkspaceId"))
        {
            issues.Add(new JsonIssue(pointer + "/logAnalyticsWorkspaceId", "logAnalyticsWorkspaceId applies to Azure subscriptions only; AWS GPU metrics come from CloudWatch (gpu.awsCloudWatchMetric)", AtName: true) { CoversContents = true });
        }
    }

    private static void CheckAzure(JsonObject account, string pointer, List<JsonIssue> issues)
    {
        if (account.ContainsKey("regions"))
        {
            issues.Add(new JsonIssue(pointer + "/regions", "regions apply to AWS accounts only: an Azure subscription is swept in every region; remove this field", AtName: true) { CoversContents = true });
        }

        if (account.ContainsKey("roleArn"))
        {
            issues.Add(new JsonIssue(pointer + "/roleArn", "roleArn applies to AWS accounts only: Azure uses DefaultAzureCredential; remove this field", AtName: true) { CoversContents = true });
        }

        if (JsonRead.String(account["logAnalyticsWorkspaceId"]) is { } workspace && !AccountIds.IsGuid(workspace) && !UrlRedactor.ContainsUrl(workspace))
        {
            issues.Add(new JsonIssue(pointer + "/logAnalyticsWorkspaceId", $"\"{workspace}\" is not a Log Analytics workspace id: expected the workspace GUID (its Workspace ID, not its name or resource id)"));
        }
    }
}
