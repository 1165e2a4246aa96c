namespace CostGuard.Aws.Testing;

/// <summary>Reads the recorded payload files copied next to the assembly.</summary>
public static class Payloads
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", relativePath));
}
