namespace CostGuard.Cli;

/// <summary>Input files a test writes, deleted when the test class is disposed.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly List<string> _paths = [];

    public string Write(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"costguard-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        _paths.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }
}
