using CostGuard.Fleet.Loading;
using CostGuard.Policies.Loading;

namespace CostGuard.Json;

public sealed class BoundedFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-bounded-" + Guid.NewGuid().ToString("N"));

    public BoundedFileTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task PolicyLoadFileAsync_OverOneMiB_ErrorNamesFileSizeAndLimit()
    {
        var path = Path.Combine(_directory, "big.json");
        await File.WriteAllTextAsync(path, "{\"name\":\"" + new string('x', 1 << 20) + "\"}");

        var result = await PolicyLoader.LoadFileAsync(path, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{path}: $: the policy file is 1,048,587 bytes; a policy file is at most 1 MiB (1048576 bytes)", error.ToString());
    }

    [Fact]
    public async Task PolicyLoadFileAsync_EndlessDevice_StopsAtTheLimit()
    {
        var result = await PolicyLoader.LoadFileAsync("/dev/zero", CancellationToken.None);

        Assert.Equal("/dev/zero: $: the policy file is larger than that; a policy file is at most 1 MiB (1048576 bytes)", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public async Task SnapshotLoadFileAsync_OverTheLimit_RejectedWithoutReading()
    {
        var path = Path.Combine(_directory, "huge-snapshot.json");
        await using (var sparse = File.Create(path))
        {
            // Sparse: no disk and no memory is spent on the 513 MiB.
            sparse.SetLength(BoundedFile.SnapshotLimit + (1 << 20));
        }

        var result = await FleetSnapshotLoader.LoadFileAsync(path, CancellationToken.None);

        Assert.Equal($"{path}: $: the snapshot file is 513 MiB; a snapshot file is at most 512 MiB (536870912 bytes)", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public async Task ReadAsync_AtTheLimit_ReadsItWithoutTheByteOrderMark()
    {
        var path = Path.Combine(_directory, "ok.json");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']);

        var (text, error) = await BoundedFile.ReadAsync(path, 5, "policy", CancellationToken.None);

        Assert.Equal(("{}", null), (text, error));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
