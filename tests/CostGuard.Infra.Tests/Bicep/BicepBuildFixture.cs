using CostGuard.Infra.Support;

namespace CostGuard.Infra.Bicep;

/// <summary>
/// Lints and builds every template and parameter file under infra/ once (three CLI runs, not one per file:
/// each run of the CLI costs seconds) and keeps what the CLI said and wrote for the tests to inspect.
/// </summary>
public sealed class BicepBuildFixture : IAsyncLifetime
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "costguard-bicep-" + Guid.NewGuid().ToString("N"));

    internal ProcessResult Lint { get; private set; } = null!;

    internal ProcessResult Build { get; private set; } = null!;

    internal ProcessResult BuildParams { get; private set; } = null!;

    public static IReadOnlyList<string> Templates { get; } = Find("*.bicep");

    public static IReadOnlyList<string> ParameterFiles { get; } = Find("*.bicepparam");

    public string TemplatesOut => Path.Combine(_output, "templates");

    public string ParamsOut => Path.Combine(_output, "params");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(TemplatesOut);
        Directory.CreateDirectory(ParamsOut);
        Lint = await BicepCli.RunAsync(Repository.Root, "lint", "--pattern", "infra/**/*.bicep");
        Build = await BicepCli.RunAsync(Repository.Root, "build", "--pattern", "infra/**/*.bicep", "--outdir", TemplatesOut);
        BuildParams = await BicepCli.RunAsync(Repository.Root, "build-params", "--pattern", "infra/**/*.bicepparam", "--outdir", ParamsOut);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The ARM JSON the build wrote for <paramref name="template"/> (infra-relative path).</summary>
    public string CompiledPath(string template)
    {
        var name = Path.GetFileNameWithoutExtension(template) + ".json";
        var matches = Directory.GetFiles(TemplatesOut, name, SearchOption.AllDirectories);
        return matches.Length == 1 ? matches[0] : throw new FileNotFoundException($"bicep build wrote {matches.Length} files named {name} for {template}");
    }

    private static List<string> Find(string pattern) =>
        Directory.GetFiles(Repository.Infra, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Infra, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
