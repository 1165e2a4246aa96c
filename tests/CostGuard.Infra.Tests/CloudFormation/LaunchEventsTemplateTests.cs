using System.Text.Json.Nodes;
using CostGuard.Infra.Support;

namespace CostGuard.Infra.CloudFormation;

/// <summary>The EventBridge wiring: running-state rule -> API destination with the agreed header, or a central bus.</summary>
public sealed class LaunchEventsTemplateTests
{
    private static readonly string TemplatePath = Repository.Path_("infra", "aws", "costguard-launch-events.json");

    [Fact]
    public void Deliver_Example_ApiKeyConnectionWithTheAgreedHeaderFromSecretsManager()
    {
        var template = Deliver();
        var auth = template.Resources["Connection"]["Properties"]!;

        Assert.Equal("API_KEY", auth["AuthorizationType"]!.GetValue<string>());
        Assert.Equal("x-costguard-api-key", auth["AuthParameters"]!["ApiKeyAuthParameters"]!["ApiKeyName"]!.GetValue<string>());
        Assert.Equal("{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:999988887777:secret:costguard/eventbridge-api-key-AbCdEf}}",
            auth["AuthParameters"]!["ApiKeyAuthParameters"]!["ApiKeyValue"]!.GetValue<string>());
    }

    [Fact]
    public void Deliver_Example_PostsToTheEventsRoute()
    {
        var destination = Deliver().Resources["ApiDestination"]["Properties"]!;

        Assert.Equal("POST", destination["HttpMethod"]!.GetValue<string>());
        Assert.EndsWith("/api/events/aws", destination["InvocationEndpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("https://", destination["InvocationEndpoint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("launch-events.deliver.parameters.json")]
    [InlineData("launch-events.forward.parameters.json")]
    public void Rule_AnyMode_Ec2RunningStateChangesOnly(string parameterFile)
    {
        var template = new CfnTemplate(TemplatePath, CfnTemplate.ReadParameterFile(Repository.Path_("infra", "aws", "examples", parameterFile)));
        var pattern = template.Resources["LaunchRule"]["Properties"]!["EventPattern"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["running"]}}
            """), pattern));
    }

    [Fact]
    public void Forward_Example_SendsToTheCentralBusWithoutAConnection()
    {
        var template = new CfnTemplate(TemplatePath, CfnTemplate.ReadParameterFile(Repository.Path_("infra", "aws", "examples", "launch-events.forward.parameters.json")));
        var target = template.Resources["LaunchRule"]["Properties"]!["Targets"]![0]!;

        Assert.Equal("arn:aws:events:us-east-1:999988887777:event-bus/costguard-launches", target["Arn"]!.GetValue<string>());
        Assert.DoesNotContain("Connection", template.Resources.Keys);
        Assert.DoesNotContain("ApiDestination", template.Resources.Keys);
        var put = Assert.Single(IamStatement.All(template), s => s.Actions.Contains("events:PutEvents"));
        Assert.Equal(["arn:aws:events:us-east-1:999988887777:event-bus/costguard-launches"], put.Resources);
    }

    [Theory]
    [InlineData("launch-events.deliver.parameters.json")]
    [InlineData("launch-events.forward.parameters.json")]
    public void Statements_AnyMode_NoWildcardActionOrResource(string parameterFile)
    {
        var template = new CfnTemplate(TemplatePath, CfnTemplate.ReadParameterFile(Repository.Path_("infra", "aws", "examples", parameterFile)));
        foreach (var statement in IamStatement.All(template))
        {
            Assert.DoesNotContain(statement.Actions, a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal));
            if (!statement.Source.EndsWith(" trust", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("*", statement.Resources);
            }
        }
    }

    [Fact]
    public void Deliver_CentralBus_AcceptsOnlyTheOrganization()
    {
        var policy = Assert.Single(IamStatement.All(Deliver()), s => s.Source == "CentralBusPolicy");

        Assert.Equal("o-a1b2c3d4e5", policy.Condition!["StringEquals"]!["aws:PrincipalOrgID"]!.GetValue<string>());
    }

    [Fact]
    public void Deliver_Target_RetriesAndDeadLetters()
    {
        var target = Deliver().Resources["LaunchRule"]["Properties"]!["Targets"]![0]!;

        Assert.Equal("getatt:ApiDestination.Arn", target["Arn"]!.GetValue<string>());
        Assert.Equal("getatt:DeadLetterQueue.Arn", target["DeadLetterConfig"]!["Arn"]!.GetValue<string>());
    }

    private static CfnTemplate Deliver() =>
        new(TemplatePath, CfnTemplate.ReadParameterFile(Repository.Path_("infra", "aws", "examples", "launch-events.deliver.parameters.json")));
}
