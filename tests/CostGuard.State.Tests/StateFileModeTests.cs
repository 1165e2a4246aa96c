using CostGuard.Ports;

namespace CostGuard.State;

/// <summary>The state file holds owners, the audit and alert payloads: only its user may read it.</summary>
public sealed class StateFileModeTests : IDisposable
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-mode-" + Guid.NewGuid().ToString("N"));

    private string PathOf => Path.Combine(_directory, "nested", "state.db");

    [Fact]
    public async Task OpenAsync_NewFile_IsCreated0600AndItsNewDirectory0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        await store.AppendAsync([Record()], CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(PathOf)!));
    }

    [Fact]
    public async Task OpenAsync_ExistingWorldReadableFile_IsTightenedTo0600AndKeepsItsData()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        await store.AppendAsync([Record()], CancellationToken.None);
        File.SetUnixFileMode(PathOf, File.GetUnixFileMode(PathOf) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var reopened = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);

        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(PathOf) & GroupOrOther);
        Assert.Single(await reopened.ReadAsync(null, 10, CancellationToken.None));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static AuditRecord Record() => new()
    {
        Time = new DateTimeOffset(2026, 11, 26, 19, 30, 0, TimeSpan.Zero),
        Policy = "p",
        Cloud = "aws",
        Account = "111122223333",
        Instance = "i-1",
        Action = "stop",
        Reason = "idle",
        Mode = "enforce",
        Outcome = "applied",
        Detail = "owner=alice",
    };
}
