using CostGuard.Infra.Support;
using YamlDotNet.RepresentationModel;

namespace CostGuard.Infra.Workflows;

/// <summary>The GitHub workflows: CI runs .ci/run, deploys log in with OIDC only, policy changes get the comparison comment.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public void Ci_Test_RunsTheCiScript()
    {
        var ci = Workflow.Load("ci.yml");
        var steps = Workflow.Steps(Workflow.Map(ci.Jobs, "test")).Select(s => Workflow.Scalar(s, "run")).ToList();

        Assert.Contains("bash .ci/run", steps);
    }

    [Fact]
    public void Deploy_AzureLogin_FederatedWithoutStoredSecrets()
    {
        var deploy = Workflow.Load("deploy.yml");

        Assert.Equal("write", Workflow.Scalar(Workflow.Map(deploy.Root, "permissions"), "id-token"));
        Assert.DoesNotContain("secrets.", deploy.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", deploy.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("creds:", deploy.Text, StringComparison.Ordinal);
        var logins = deploy.Jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(Workflow.Steps)
            .Where(s => Workflow.Scalar(s, "uses")?.StartsWith("azure/login@", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, logins.Count);
        Assert.All(logins, login => Assert.Equal("${{ vars.AZURE_CLIENT_ID }}", Workflow.Scalar(Workflow.Map(login, "with"), "client-id")));
    }

    [Fact]
    public void Deploy_WhatIfThenApprovedDeployOfInfraAndApp()
    {
        var deploy = Workflow.Load("deploy.yml");
        var whatIf = Workflow.Map(deploy.Jobs, "what-if");
        var apply = Workflow.Map(deploy.Jobs, "deploy");

        Assert.Contains(Workflow.Steps(whatIf), s => Workflow.Scalar(s, "run")?.Contains("az deployment sub what-if", StringComparison.Ordinal) == true);
        Assert.Equal("what-if", Workflow.Scalar(apply, "needs"));
        Assert.Equal("${{ inputs.environment || 'dev' }}", Workflow.Scalar(apply, "environment"));
        var steps = Workflow.Steps(apply).ToList();
        var create = steps.FindIndex(s => Workflow.Scalar(s, "run")?.Contains("az deployment sub create", StringComparison.Ordinal) == true);
        var package = steps.FindIndex(s => Workflow.Scalar(s, "uses")?.StartsWith("azure/functions-action@", StringComparison.Ordinal) == true);
        Assert.True(create >= 0 && package > create);
        var environment = Workflow.Map(Workflow.Map(Workflow.Map(Workflow.Map(deploy.Root, "on"), "workflow_dispatch"), "inputs"), "environment");
        var options = (YamlSequenceNode)environment.Children[new YamlScalarNode("options")];
        Assert.Contains("production", options.Children.Select(o => ((YamlScalarNode)o).Value));
    }

    [Fact]
    public void PolicyCheck_PullRequestsTouchingPolicies_CommentBuiltOnTheCli()
    {
        var check = Workflow.Load("policy-check.yml");
        var paths = (YamlSequenceNode)Workflow.Map(Workflow.Map(check.Root, "on"), "pull_request").Children[new YamlScalarNode("paths")];
        var script = File.ReadAllText(Repository.Path_(".github", "scripts", "policy-check.sh"));

        Assert.Equal(["policies/**"], paths.Children.Select(p => ((YamlScalarNode)p).Value));
        Assert.Equal("write", Workflow.Scalar(Workflow.Map(check.Root, "permissions"), "pull-requests"));
        Assert.Contains(".github/scripts/policy-check.sh", check.Text, StringComparison.Ordinal);
        Assert.Contains("updateComment", check.Text, StringComparison.Ordinal);
        Assert.Contains("costguard validate", script, StringComparison.Ordinal);
        Assert.Contains("--baseline-policy", script, StringComparison.Ordinal);
        Assert.Contains("--markdown", script, StringComparison.Ordinal);
    }
}
