namespace CostGuard.Cli;

/// <summary>Finds the repository root (the folder holding CostGuard.sln) so tests read the shipped policies/.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CostGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CostGuard.sln not found above {AppContext.BaseDirectory}");
    }
}
