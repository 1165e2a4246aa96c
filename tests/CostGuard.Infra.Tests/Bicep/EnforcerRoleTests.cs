using System.Text.Json.Nodes;

namespace CostGuard.Infra.Bicep;

/// <summary>The Azure custom role, evaluated from the compiled template: least privilege, delete only when enabled.</summary>
[Collection(BicepCollection.Name)]
public sealed class EnforcerRoleTests(BicepBuildFixture bicep)
{
    private static readonly string[] Expected =
    [
        "Microsoft.Compute/virtualMachines/read",
        "Microsoft.Compute/virtualMachines/instanceView/read",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
        "Microsoft.Compute/locations/operations/read",
        "Microsoft.Compute/virtualMachines/deallocate/action",
        "Microsoft.Compute/virtualMachines/write",
    ];

    [Fact]
    public void Actions_TerminationDisabled_AreExactlyReadDeallocateAndTag()
    {
        var actions = Actions(enableTermination: false);

        Assert.Equal(Expected.Order(StringComparer.Ordinal), actions.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Microsoft.Compute/virtualMachines/delete", actions);
    }

    [Fact]
    public void Actions_TerminationEnabled_AddOnlyDelete()
    {
        var actions = Actions(enableTermination: true);

        Assert.Equal(Expected.Append("Microsoft.Compute/virtualMachines/delete").Order(StringComparer.Ordinal), actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Actions_TerminationDefault_IsOff()
    {
        var template = Compiled();
        Assert.False(template["parameters"]!["enableTermination"]!["defaultValue"]!.GetValue<bool>());
        Assert.DoesNotContain("Microsoft.Compute/virtualMachines/delete", Actions(template, new Dictionary<string, JsonNode?>()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Permissions_AnyTermination_HaveNoWildcardNoDataActions(bool enableTermination)
    {
        var permissions = Permissions(Compiled(), new Dictionary<string, JsonNode?> { ["enableTermination"] = enableTermination });

        foreach (var action in permissions["actions"]!.AsArray().Select(a => a!.GetValue<string>()))
        {
            Assert.DoesNotContain("*", action, StringComparison.Ordinal);
            Assert.Matches("^Microsoft\\.(Compute|Resources)/[A-Za-z/]+$", action);
        }

        Assert.Empty(permissions["dataActions"]!.AsArray());
        Assert.Empty(permissions["notActions"]!.AsArray());
    }

    [Fact]
    public void RoleDefinition_AssignableScopes_OnlyTheSubscription()
    {
        var role = RoleDefinition(Compiled());
        Assert.Equal(["[subscription().id]"], role["properties"]!["assignableScopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    private List<string> Actions(bool enableTermination) =>
        Actions(Compiled(), new Dictionary<string, JsonNode?> { ["enableTermination"] = enableTermination });

    private static List<string> Actions(JsonObject template, Dictionary<string, JsonNode?> parameters) =>
        Permissions(template, parameters)["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    private static JsonObject Permissions(JsonObject template, Dictionary<string, JsonNode?> parameters)
    {
        var permissions = RoleDefinition(template)["properties"]!["permissions"]!.AsArray();
        Assert.Single(permissions);
        return new ArmExpression(template, parameters).Evaluate(permissions[0])!.AsObject();
    }

    private static JsonObject RoleDefinition(JsonObject template) =>
        Assert.Single(template["resources"]!.AsArray(), r => r!["type"]!.GetValue<string>() == "Microsoft.Authorization/roleDefinitions")!.AsObject();

    private JsonObject Compiled() => JsonNode.Parse(File.ReadAllText(bicep.CompiledPath("modules/enforcer-role.bicep")))!.AsObject();
}
