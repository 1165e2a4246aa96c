using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using CostGuard.Policies;

namespace CostGuard.Aws.Credentials;

/// <summary>
/// Credentials per account: the standard chain's credentials, or an STS AssumeRole session for accounts
/// with a <c>roleArn</c> (session name <c>costguard</c>), cached until shortly before it expires.
/// </summary>
internal sealed class AwsSessions(Lazy<AWSCredentials> baseCredentials, AwsClients clients, TimeProvider time)
{
    /// <summary>Sessions are renewed this long before they expire, so no sweep runs on a dying session.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    public const string SessionName = "costguard";

    private readonly ConcurrentDictionary<string, Lazy<Task<AssumedSession>>> _sessions = new(StringComparer.Ordinal);

    public AWSCredentials Base => baseCredentials.Value;

    public async Task<AWSCredentials> ForAccountAsync(AccountScope account, CancellationToken cancellationToken)
    {
        // A web-identity exchange that fails should say so here, not as a signing error deep inside EC2.
        if (baseCredentials.Value is WebIdentityCredentials web)
        {
            await web.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(account.RoleArn))
        {
            return baseCredentials.Value;
        }

        var region = account.Regions.Count > 0 ? account.Regions[0] : "us-east-1";
        var renewed = false;
        while (true)
        {
            var lazy = _sessions.GetOrAdd(account.RoleArn, arn =>
            {
                renewed = true;
                return new Lazy<Task<AssumedSession>>(() => AssumeAsync(arn, region, cancellationToken));
            });
            AssumedSession session;
            try
            {
                session = await lazy.Value.ConfigureAwait(false);
            }
            catch
            {
                // A failed AssumeRole is not cached: the next sweep tries again.
                _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<AssumedSession>>>(account.RoleArn, lazy));
                throw;
            }

            // A session STS has just handed out is used even if its stated expiry looks near (clock skew):
            // asking again would only spin. A cached one is renewed before it runs out.
            if (renewed || time.GetUtcNow() < session.Expiration - RefreshMargin)
            {
                return session.Credentials;
            }

            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<AssumedSession>>>(account.RoleArn, lazy));
        }
    }

    /// <summary>Forgets a role's session after AWS said it expired, so the next call assumes the role again.</summary>
    public void Invalidate(string? roleArn)
    {
        if (!string.IsNullOrEmpty(roleArn))
        {
            _sessions.TryRemove(roleArn, out _);
        }
    }

    private async Task<AssumedSession> AssumeAsync(string roleArn, string region, CancellationToken cancellationToken)
    {
        using var sts = clients.Sts(baseCredentials.Value, region);
        var response = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = SessionName, DurationSeconds = 3600 },
            cancellationToken).ConfigureAwait(false);
        var c = response.Credentials ?? throw new InvalidOperationException($"STS AssumeRole for {roleArn} returned no credentials");
        var expiration = c.Expiration is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, e.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : e.Kind)) : time.GetUtcNow().AddMinutes(15);
        return new AssumedSession(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiration.ToUniversalTime());
    }
}
