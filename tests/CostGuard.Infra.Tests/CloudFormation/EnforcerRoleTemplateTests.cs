using System.Text.Json.Nodes;
using CostGuard.Infra.Support;

namespace CostGuard.Infra.CloudFormation;

/// <summary>The AWS enforcer role's IAM, resolved for the shipped example parameters and for every switch.</summary>
public sealed class EnforcerRoleTemplateTests
{
    private const string TenantId = "11111111-1111-1111-1111-111111111111";
    private const string PrincipalId = "22222222-3333-4444-5555-666666666666";

    private static readonly string TemplatePath = Repository.Path_("infra", "aws", "costguard-enforcer-role.json");

    private static readonly HashSet<string> Mutating = new(StringComparer.Ordinal)
    {
        "ec2:StopInstances", "ec2:CreateTags", "ec2:DeleteTags", "ec2:TerminateInstances",
    };

    public static TheoryData<string> Variants => new(VariantParameters.Keys);

    private static Dictionary<string, Dictionary<string, string>> VariantParameters => new(StringComparer.Ordinal)
    {
        ["payer example"] = CfnTemplate.ReadParameterFile(Repository.Path_("infra", "aws", "examples", "payer-account.parameters.json")),
        ["member example"] = CfnTemplate.ReadParameterFile(Repository.Path_("infra", "aws", "examples", "member-accounts.stackset.parameters.json")),
        ["web identity, termination on"] = WebIdentity(("EnableTermination", "true")),
        ["both trusts, v1 tokens, termination on, payer"] = WebIdentity(("TrustMode", "both"), ("GuardRoleArn", "arn:aws:iam::999988887777:role/CostGuardEnforcer"),
            ("TokenVersion", "v1"), ("EnableTermination", "true"), ("IsPayerAccount", "true")),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Statements_AnyVariant_HaveNoWildcardAction(string variant)
    {
        foreach (var statement in Statements(variant))
        {
            Assert.All(statement.Actions, action => Assert.False(action == "*" || action.EndsWith(":*", StringComparison.Ordinal), $"{statement.Source}: {action}"));
            Assert.NotEmpty(statement.Actions);
            Assert.Equal("Allow", statement.Effect);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Statements_AnyVariant_NoWildcardResourceOnMutatingActions(string variant)
    {
        foreach (var statement in Statements(variant).Where(s => !s.Source.EndsWith(" trust", StringComparison.Ordinal)))
        {
            if (statement.Actions.Any(a => !IamStatement.IsReadOnly(a)))
            {
                Assert.DoesNotContain("*", statement.Resources);
                Assert.NotEmpty(statement.Resources);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Ec2Actions_AnyVariant_LimitedToGpuInstanceTypes(string variant)
    {
        var enforcing = Statements(variant).Where(s => s.Actions.Any(Mutating.Contains)).ToList();
        Assert.NotEmpty(enforcing);
        foreach (var statement in enforcing)
        {
            var types = statement.Condition?["StringLike"]?["ec2:InstanceType"]?.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.True(types is { Count: > 0 }, $"{statement.Source} has no ec2:InstanceType condition");
            Assert.All(types!, t => Assert.Matches("^(p|g)[0-9a-z-]*\\.\\*$", t));
            Assert.All(statement.Resources, r => Assert.Equal($"arn:aws:ec2:*:{CfnTemplate.AccountId}:instance/*", r));
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void TagActions_AnyVariant_LimitedToTheMarkTag(string variant)
    {
        var tagging = Statements(variant).Where(s => s.Actions.Contains("ec2:CreateTags") || s.Actions.Contains("ec2:DeleteTags")).ToList();
        Assert.NotEmpty(tagging);
        foreach (var statement in tagging)
        {
            Assert.Equal(["costguard:orphan"], statement.Condition!["ForAllValues:StringEquals"]!["aws:TagKeys"]!.AsArray().Select(k => k!.GetValue<string>()));

            // ForAllValues passes on an empty key list, and DeleteTags without keys deletes every tag.
            Assert.Equal("false", statement.Condition["Null"]!["aws:TagKeys"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Termination_Default_Absent()
    {
        var template = new CfnTemplate(TemplatePath, WebIdentity());
        Assert.DoesNotContain(IamStatement.All(template), s => s.Actions.Contains("ec2:TerminateInstances"));
        Assert.DoesNotContain(Statements("member example"), s => s.Actions.Contains("ec2:TerminateInstances"));
        Assert.DoesNotContain(Statements("payer example"), s => s.Actions.Contains("ec2:TerminateInstances"));
    }

    [Fact]
    public void Termination_Enabled_OnlyMarkedOrphans()
    {
        var terminate = Assert.Single(Statements("web identity, termination on"), s => s.Actions.Contains("ec2:TerminateInstances"));

        Assert.Equal(["ec2:TerminateInstances"], terminate.Actions);
        Assert.Equal("false", terminate.Condition!["Null"]!["aws:ResourceTag/costguard:orphan"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v2", "login.microsoftonline.com/" + TenantId + "/v2.0")]
    [InlineData("v1", "sts.windows.net/" + TenantId + "/")]
    public void Trust_WebIdentity_PinsAudienceAndSubject(string tokenVersion, string issuer)
    {
        var template = new CfnTemplate(TemplatePath, WebIdentity(("TokenVersion", tokenVersion)));
        var trust = Assert.Single(IamStatement.All(template), s => s.Source == "EnforcerRole trust");

        Assert.Equal(["sts:AssumeRoleWithWebIdentity"], trust.Actions);
        Assert.Equal($"arn:aws:iam::{CfnTemplate.AccountId}:oidc-provider/{issuer}", trust.Principal!["Federated"]!.GetValue<string>());
        var equals = trust.Condition!["StringEquals"]!.AsObject();
        Assert.Equal("api://AzureADTokenExchange", equals[$"{issuer}:aud"]!.GetValue<string>());
        Assert.Equal(PrincipalId, equals[$"{issuer}:sub"]!.GetValue<string>());

        var provider = template.Resources["OidcProvider"]["Properties"]!;
        Assert.Equal("https://" + issuer, provider["Url"]!.GetValue<string>());
        Assert.Equal(["api://AzureADTokenExchange"], provider["ClientIdList"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public void Trust_GuardRoleMode_OnlyTheBaseRoleNoOidcProvider()
    {
        var template = new CfnTemplate(TemplatePath, CfnTemplate.ReadParameterFile(Repository.Path_("infra", "aws", "examples", "member-accounts.stackset.parameters.json")));
        var trust = Assert.Single(IamStatement.All(template), s => s.Source == "EnforcerRole trust");

        Assert.Equal(["sts:AssumeRole"], trust.Actions);
        Assert.Equal("arn:aws:iam::999988887777:role/CostGuardEnforcer", trust.Principal!["AWS"]!.GetValue<string>());
        Assert.DoesNotContain("OidcProvider", template.Resources.Keys);
    }

    [Fact]
    public void Trust_AnyVariant_NeverAnonymous()
    {
        foreach (var variant in VariantParameters.Keys)
        {
            foreach (var trust in Statements(variant).Where(s => s.Source.EndsWith(" trust", StringComparison.Ordinal)))
            {
                Assert.NotNull(trust.Principal);
                Assert.NotEqual("*", trust.Principal!.ToJsonString().Trim('"'));
                Assert.DoesNotContain("\"*\"", trust.Principal.ToJsonString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Payer_CostExplorerAndMemberRolesOnlyInThePayerAccount()
    {
        var payer = Statements("payer example");
        var member = Statements("member example");

        Assert.Contains(payer, s => s.Actions.SequenceEqual(["ce:GetCostAndUsage"]));
        var assume = Assert.Single(payer, s => s.Actions.Contains("sts:AssumeRole") && !s.Source.EndsWith(" trust", StringComparison.Ordinal));
        Assert.Equal(["arn:aws:iam::*:role/CostGuardEnforcer"], assume.Resources);
        Assert.Equal("o-a1b2c3d4e5", assume.Condition!["StringEquals"]!["aws:ResourceOrgID"]!.GetValue<string>());
        Assert.DoesNotContain(member, s => s.Actions.Contains("ce:GetCostAndUsage"));
    }

    [Fact]
    public void Read_Actions_AreExactlyInventoryAndMetrics()
    {
        var reads = Statements("member example").SelectMany(s => s.Actions).Where(IamStatement.IsReadOnly).Order(StringComparer.Ordinal);
        Assert.Equal(["cloudwatch:GetMetricData", "ec2:DescribeInstances"], reads);
    }

    [Fact]
    public void Template_NoNegatedElements()
    {
        var text = File.ReadAllText(TemplatePath);
        Assert.DoesNotContain("NotAction", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NotResource", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NotPrincipal", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_BadPrincipalId_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new CfnTemplate(TemplatePath, WebIdentity(("ManagedIdentityPrincipalId", "not-a-guid"))));
    }

    private static List<IamStatement> Statements(string variant) => IamStatement.All(new CfnTemplate(TemplatePath, VariantParameters[variant]));

    private static Dictionary<string, string> WebIdentity(params (string Key, string Value)[] overrides)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EntraTenantId"] = TenantId,
            ["ManagedIdentityPrincipalId"] = PrincipalId,
        };
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return parameters;
    }
}
