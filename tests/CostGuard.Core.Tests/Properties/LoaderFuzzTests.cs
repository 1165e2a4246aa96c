using System.Text;
using CostGuard.Fleet.Loading;
using CostGuard.Policies.Loading;
using CsCheck;

namespace CostGuard.Properties;

/// <summary>
/// The policy loader and the snapshot reader never throw on arbitrary input: every failure is their own validation
/// error (file, path, line, message). Inputs: random bytes, and valid files mutated (truncated, bytes replaced).
/// </summary>
public sealed class LoaderFuzzTests
{
    private static readonly string ValidPolicy = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "policies", "dry-run-starter.json"));

    private static readonly string ValidSnapshot = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "policies", "samples", "fleet-snapshot.json"));

    [Fact]
    public void PolicyLoad_ArbitraryBytes_OnlyValidationErrors() =>
        Gen.Byte.Array[0, 400].Sample(bytes => AssertPolicy(Encoding.UTF8.GetString(bytes)), iter: 2000);

    [Fact]
    public void PolicyLoad_MutatedValidPolicy_OnlyValidationErrors() =>
        Mutations(ValidPolicy).Sample(AssertPolicy, iter: 2000);

    [Fact]
    public void SnapshotLoad_ArbitraryBytes_OnlyValidationErrors() =>
        Gen.Byte.Array[0, 400].Sample(bytes => AssertSnapshot(Encoding.UTF8.GetString(bytes)), iter: 2000);

    [Fact]
    public void SnapshotLoad_MutatedValidSnapshot_OnlyValidationErrors() =>
        Mutations(ValidSnapshot).Sample(AssertSnapshot, iter: 500);

    [Fact]
    public void Mutations_ValidInputsUnchanged_Load()
    {
        Assert.NotNull(PolicyLoader.Load(ValidPolicy, "dry-run-starter.json").Policy);
        Assert.NotNull(FleetSnapshotLoader.Load(ValidSnapshot, "s.json").Snapshot);
    }

    private static void AssertPolicy(string text)
    {
        var result = PolicyLoader.Load(text, "fuzz.json");
        Assert.True(result.Policy is not null || result.Errors.Count > 0);
        Assert.All(result.Errors, e => Assert.Equal("fuzz.json", e.File));
    }

    private static void AssertSnapshot(string text)
    {
        var result = FleetSnapshotLoader.Load(text, "fuzz.json");
        Assert.True(result.Snapshot is not null || result.Errors.Count > 0);
        Assert.All(result.Errors, e => Assert.Equal("fuzz.json", e.File));
    }

    // A valid document cut short, or with a few characters replaced by JSON-significant or arbitrary ones.
    private static Gen<string> Mutations(string valid) =>
        Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, 3], Gen.Char.Array[1, 4], Gen.OneOf('"', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '\\', '\u0000'))
            .Select((cut, kind, chars, significant) =>
            {
                var at = Math.Min(cut, valid.Length - 1);
                return kind switch
                {
                    0 => valid[..cut],
                    1 => valid[..at] + significant + valid[(at + 1)..],
                    2 => valid[..at] + new string(chars) + valid[at..],
                    _ => valid[..at] + valid[Math.Min(valid.Length, at + chars.Length)..],
                };
            });
}
