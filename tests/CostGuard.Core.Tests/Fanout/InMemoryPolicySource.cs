namespace CostGuard.Fanout;

/// <summary>Hand-written policy container: blob name to text, as FinOps uploaded it.</summary>
internal sealed class InMemoryPolicySource : IPolicySource
{
    public Dictionary<string, string> Blobs { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<PolicyDocument>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PolicyDocument>>([.. Blobs.Select(b => new PolicyDocument(b.Key, b.Value))]);
}
