using System.Reflection;

namespace CostGuard.Infra.Support;

/// <summary>Paths the build hands the tests: the repository root and the Bicep CLI restored from NuGet.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>MSBuild writes the package path with Windows separators; normalise for Linux.</summary>
    public static string BicepPath { get; } = Metadata("BicepPath").Replace('\\', Path.DirectorySeparatorChar);

    public static string Infra => Path.Combine(Root, "infra");

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing: build the test project with dotnet build");
}
