using System.Text.Json;

namespace CostGuard.Cli.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    private const string Invalid = """
        {
          "name": "p",
          "mode": "enforce",
          "idle": { "window": "P1M" },
          "alerts": { "slack": { "webhookUrlSetting": "https://hooks.slack.com/services/T0/B0/TOPSECRET" } }
        }
        """;

    [Fact]
    public async Task Validate_ShippedPolicies_ExitsZeroWithNothingOnStdout()
    {
        var run = await CliRun.RunAsync("validate", RepositoryRoot.Combine("policies", "team-gpu-guard.json"), RepositoryRoot.Combine("policies", "dry-run-starter.json"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("2 policy file(s) valid", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidPolicy_ExitsTwoListsEveryErrorOnStderrOnly()
    {
        var file = _files.Write(Invalid);

        var run = await CliRun.RunAsync("validate", file);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains($"{file}:4:23: $.idle.window: ", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}:5:47: $.alerts.slack.webhookUrlSetting: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Json_PrintsErrorsAsJsonOnStdout()
    {
        var file = _files.Write(Invalid);

        var run = await CliRun.RunAsync("validate", "--json", file, RepositoryRoot.Combine("policies", "team-gpu-guard.json"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.DoesNotContain("TOPSECRET", run.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.False(files[0].GetProperty("valid").GetBoolean());
        Assert.True(files[1].GetProperty("valid").GetBoolean());
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("$.idle.window", errors[0].GetProperty("path").GetString());
        Assert.Equal(4, errors[0].GetProperty("line").GetInt32());
        Assert.Equal(23, errors[0].GetProperty("column").GetInt32());
        Assert.Equal(file, errors[0].GetProperty("file").GetString());
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwo()
    {
        var run = await CliRun.RunAsync("validate", Path.Combine(Path.GetTempPath(), "costguard-nope.json"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("cannot read", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Validate_NoArguments_IsAUsageError()
    {
        var run = await CliRun.RunAsync("validate");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Validate_Help_DescribesTheVerbOnStderr()
    {
        var run = await CliRun.RunAsync("validate", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--json", run.Error, StringComparison.Ordinal);
        Assert.Contains("Exit 0", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    public void Dispose() => _files.Dispose();
}
