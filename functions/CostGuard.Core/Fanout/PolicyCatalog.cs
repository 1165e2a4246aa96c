using CostGuard.Engine;
using CostGuard.Logging;
using CostGuard.Policies;
using CostGuard.Policies.Loading;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Fanout;

/// <summary>
/// The policies in force. Each blob's new version is validated with <see cref="PolicyLoader"/>: a valid one is kept by
/// hash and becomes the blob's version in force; an invalid one never replaces the last good version and raises one
/// <c>policy-invalid</c> alert per version (naming the blob and the first errors), routed by the last good version.
/// </summary>
public sealed class PolicyCatalog(
    IPolicySource source,
    IPolicyVersionStore versions,
    PolicyCache cache,
    IAlertNotifier? notifier,
    ILogger<PolicyCatalog> logger)
{
    private const int ErrorsInAlert = 3;

    /// <summary>Reads the container, records new good versions, reports bad ones, and returns the policies in force.</summary>
    public async Task<IReadOnlyList<ScheduledPolicy>> RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var documents = await source.ListAsync(cancellationToken).ConfigureAwait(false);
        var active = await versions.ReadActiveAsync(cancellationToken).ConfigureAwait(false);
        var inForce = new List<ScheduledPolicy>();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var scheduled = await LoadAsync(document, active, now, cancellationToken).ConfigureAwait(false);
            if (scheduled is null)
            {
                continue;
            }

            if (byName.TryGetValue(scheduled.Policy.Name, out var other))
            {
                // Two blobs with one policy name would share sweep ids and action ids: only the first is enforced.
                Log.PolicyNameTaken(logger, document.Name, scheduled.Policy.Name, other);
                continue;
            }

            byName[scheduled.Policy.Name] = document.Name;
            inForce.Add(scheduled);
        }

        return inForce;
    }

    /// <summary>The policy version a queued message names, or null when that version is gone.</summary>
    public async Task<Policy?> GetVersionAsync(string hash, string displayName, CancellationToken cancellationToken)
    {
        if (cache.Get(hash) is { } cached)
        {
            return cached;
        }

        var content = await versions.GetVersionAsync(hash, cancellationToken).ConfigureAwait(false);
        return content is null ? null : cache.Load(hash, content, displayName).Policy;
    }

    /// <summary>The policies in force without reading the container again (status page).</summary>
    public async Task<IReadOnlyList<ScheduledPolicy>> ReadInForceAsync(CancellationToken cancellationToken)
    {
        var active = await versions.ReadActiveAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ScheduledPolicy>();
        foreach (var (blob, hash) in active.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (await GetVersionAsync(hash, blob, cancellationToken).ConfigureAwait(false) is { } policy)
            {
                result.Add(new ScheduledPolicy(blob, hash, policy));
            }
        }

        return result;
    }

    private async Task<ScheduledPolicy?> LoadAsync(
        PolicyDocument document, IReadOnlyDictionary<string, string> active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = PolicyHash.Of(document.Content);
        var loaded = cache.Load(hash, document.Content, document.Name);
        if (loaded.Policy is { } policy && loaded.IsValid)
        {
            if (!active.TryGetValue(document.Name, out var current) || current != hash)
            {
                // Keep the version before pointing at it, so a message naming this hash always finds its text.
                await versions.SaveVersionAsync(hash, document.Content, cancellationToken).ConfigureAwait(false);
                await versions.SetActiveAsync(document.Name, hash, cancellationToken).ConfigureAwait(false);
            }

            return new ScheduledPolicy(document.Name, hash, policy);
        }

        var lastGood = active.TryGetValue(document.Name, out var goodHash)
            ? await GetVersionAsync(goodHash, document.Name, cancellationToken).ConfigureAwait(false)
            : null;
        await ReportInvalidAsync(document, hash, loaded.Errors, lastGood, now, cancellationToken).ConfigureAwait(false);
        return lastGood is null ? null : new ScheduledPolicy(document.Name, goodHash!, lastGood);
    }

    private async Task ReportInvalidAsync(
        PolicyDocument document, string hash, IReadOnlyList<PolicyError> errors, Policy? lastGood, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await versions.TryMarkInvalidReportedAsync(document.Name, hash, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var first = errors.Take(ErrorsInAlert).Select(e => e.ToString()).ToList();
        Log.PolicyInvalid(logger, document.Name, hash, errors.Count, first.FirstOrDefault() ?? "unknown error");
        if (lastGood is null)
        {
            Log.PolicyNeverValid(logger, document.Name);
            return;
        }

        var more = errors.Count > first.Count ? $" (and {errors.Count - first.Count} more)" : string.Empty;
        var message = $"Policy blob '{document.Name}' (version {hash[..12]}) was rejected with {errors.Count} error(s); "
            + $"the last good version stays in force. {string.Join("; ", first)}{more}";
        var alert = GuardAlerts.Critical(AlertKind.PolicyInvalid, lastGood.Accounts.Count > 0 ? lastGood.Accounts[0].Cloud : CloudKind.Aws, "*", message, $"policy-invalid:{document.Name}:{hash}");
        await GuardAlerts.RaiseAsync(notifier, lastGood, alert, now, cancellationToken).ConfigureAwait(false);
    }
}
