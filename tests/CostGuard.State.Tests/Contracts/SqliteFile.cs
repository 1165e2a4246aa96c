namespace CostGuard.State.Contracts;

/// <summary>A state file in a folder of its own, deleted after the test.</summary>
internal sealed class SqliteFile : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "costguard-contract-" + Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(_directory, "state.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
