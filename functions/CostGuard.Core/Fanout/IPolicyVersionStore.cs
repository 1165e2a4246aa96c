namespace CostGuard.Fanout;

/// <summary>
/// Every validated policy version, kept by content hash (so a queued message names the version it was scheduled
/// with), which version of each blob is in force (the last good one), and which invalid versions were reported.
/// </summary>
public interface IPolicyVersionStore
{
    /// <summary>Keeps a validated version; saving the same hash again is a no-op.</summary>
    Task SaveVersionAsync(string hash, string content, CancellationToken cancellationToken);

    /// <summary>The version's text, or null when it is gone.</summary>
    Task<string?> GetVersionAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Blob name to the hash of its last good version.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadActiveAsync(CancellationToken cancellationToken);

    Task SetActiveAsync(string blobName, string hash, CancellationToken cancellationToken);

    /// <summary>Records that an invalid version was reported; true only for the first caller (once per version).</summary>
    Task<bool> TryMarkInvalidReportedAsync(string blobName, string hash, CancellationToken cancellationToken);
}
