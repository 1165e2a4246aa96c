namespace CostGuard.Fanout;

/// <summary>Hand-written version store: texts by hash, the blob's version in force, invalid versions reported once.</summary>
internal sealed class InMemoryPolicyVersionStore : IPolicyVersionStore
{
    private readonly HashSet<(string Blob, string Hash)> _reported = [];

    public Dictionary<string, string> Versions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Active { get; } = new(StringComparer.Ordinal);

    public Task SaveVersionAsync(string hash, string content, CancellationToken cancellationToken)
    {
        Versions.TryAdd(hash, content);
        return Task.CompletedTask;
    }

    public Task<string?> GetVersionAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(Versions.GetValueOrDefault(hash));

    public Task<IReadOnlyDictionary<string, string>> ReadActiveAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(Active, StringComparer.Ordinal));

    public Task SetActiveAsync(string blobName, string hash, CancellationToken cancellationToken)
    {
        Active[blobName] = hash;
        return Task.CompletedTask;
    }

    public Task<bool> TryMarkInvalidReportedAsync(string blobName, string hash, CancellationToken cancellationToken) =>
        Task.FromResult(_reported.Add((blobName, hash)));
}
