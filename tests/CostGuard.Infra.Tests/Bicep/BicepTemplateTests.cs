using CostGuard.Infra.Support;

namespace CostGuard.Infra.Bicep;

/// <summary>bicep lint and bicep build of every template and parameter file: no errors, no warnings.</summary>
[Collection(BicepCollection.Name)]
public sealed class BicepTemplateTests(BicepBuildFixture bicep)
{
    public static TheoryData<string> Templates => new(BicepBuildFixture.Templates);

    public static TheoryData<string> ParameterFiles => new(BicepBuildFixture.ParameterFiles);

    [Fact]
    public void Infra_Templates_IncludeMainAndTheSubscriptionModule()
    {
        Assert.Contains("main.bicep", BicepBuildFixture.Templates);
        Assert.Contains("modules/target-subscription.bicep", BicepBuildFixture.Templates);
        Assert.NotEmpty(BicepBuildFixture.ParameterFiles);
    }

    [Fact]
    public void Lint_EveryTemplate_ExitsCleanWithoutDiagnostics()
    {
        Assert.True(bicep.Lint.ExitCode == 0, bicep.Lint.Combined);
        Assert.Empty(BicepCli.Diagnostics(bicep.Lint.Combined));
    }

    [Fact]
    public void Build_EveryTemplate_ExitsCleanWithoutDiagnostics()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.Combined);
        Assert.Empty(BicepCli.Diagnostics(bicep.Build.Combined));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Build_Template_WritesArmJson(string template)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(bicep.CompiledPath(template)));
        Assert.Contains("resources", document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void BuildParams_EveryParameterFile_ExitsCleanWithoutDiagnostics()
    {
        Assert.True(bicep.BuildParams.ExitCode == 0, bicep.BuildParams.Combined);
        Assert.Empty(BicepCli.Diagnostics(bicep.BuildParams.Combined));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void BuildParams_ParameterFile_WritesParameters(string parameterFile)
    {
        var written = Directory.GetFiles(bicep.ParamsOut, Path.GetFileNameWithoutExtension(parameterFile) + ".json", SearchOption.AllDirectories);
        Assert.Single(written);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(written[0]));
        Assert.True(document.RootElement.GetProperty("parameters").EnumerateObject().Any());
    }

    [Fact]
    public void BicepConfig_RecentApiVersionsRule_IsOff()
    {
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "bicepconfig.json")));
        var level = config.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules")
            .GetProperty("use-recent-api-versions").GetProperty("level").GetString();
        Assert.Equal("off", level);
    }

    /// <summary>The check above is only worth something if the CLI really reports warnings to it.</summary>
    [Fact]
    public async Task Lint_TemplateWithUnusedParameter_ReportsWarning()
    {
        var directory = Directory.CreateTempSubdirectory("costguard-bicep-lint-");
        try
        {
            File.Copy(Path.Combine(Repository.Infra, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "bad.bicep"), "param unused string\noutput x string = 'a'\n");
            var result = await BicepCli.RunAsync(directory.FullName, "lint", "bad.bicep");
            Assert.Contains(BicepCli.Diagnostics(result.Combined), d => d.Contains("no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
