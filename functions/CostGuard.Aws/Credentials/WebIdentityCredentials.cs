using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Azure.Core;

namespace CostGuard.Aws.Credentials;

/// <summary>
/// The guard's base AWS credentials without any stored key: an Entra token of the Azure managed identity (for
/// the configured audience) exchanged through STS AssumeRoleWithWebIdentity for the base role's session.
/// The session is cached and exchanged again <see cref="AwsSessions.RefreshMargin"/> before it expires, on the
/// injected clock. Every SDK client and thin client asks <see cref="GetCredentialsAsync"/> per request.
/// </summary>
internal sealed class WebIdentityCredentials(WebIdentitySettings settings, TokenCredential token, AwsClients clients, TimeProvider time) : AWSCredentials
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AssumedSession? _session;

    public WebIdentitySettings Settings => settings;

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var session = await EnsureAsync(CancellationToken.None).ConfigureAwait(false);
        return await session.Credentials.GetCredentialsAsync().ConfigureAwait(false);
    }

    /// <summary>The current session, exchanging a new token first when there is none or it is about to expire.</summary>
    public async Task<AssumedSession> EnsureAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_session) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (Fresh(_session) is { } renewed)
            {
                return renewed;
            }

            _session = await ExchangeAsync(cancellationToken).ConfigureAwait(false);
            Expiration = _session.Expiration.UtcDateTime;
            return _session;
        }
        finally
        {
            _gate.Release();
        }
    }

    private AssumedSession? Fresh(AssumedSession? session) =>
        session is not null && time.GetUtcNow() < session.Expiration - AwsSessions.RefreshMargin ? session : null;

    private async Task<AssumedSession> ExchangeAsync(CancellationToken cancellationToken)
    {
        AccessToken entra;
        try
        {
            entra = await token.GetTokenAsync(new TokenRequestContext([settings.Scope]), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The token itself never appears in a message; the cause (no identity, wrong audience) does.
            throw new InvalidOperationException($"no Entra token for audience {settings.Audience} (AWS web identity): {ex.Message}", ex);
        }

        AssumeRoleWithWebIdentityResponse response;
        try
        {
            // AssumeRoleWithWebIdentity is unsigned: the Entra token is the only credential.
            using var sts = clients.Sts(new AnonymousAWSCredentials(), settings.Region);
            response = await sts.AssumeRoleWithWebIdentityAsync(
                new AssumeRoleWithWebIdentityRequest
                {
                    RoleArn = settings.RoleArn,
                    RoleSessionName = AwsSessions.SessionName,
                    WebIdentityToken = entra.Token,
                    DurationSeconds = 3600,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw new InvalidOperationException($"STS AssumeRoleWithWebIdentity {settings.RoleArn} failed: {ex.ErrorCode}: {ex.Message}", ex);
        }

        var c = response.Credentials ?? throw new InvalidOperationException($"STS AssumeRoleWithWebIdentity {settings.RoleArn} returned no credentials");
        var expiration = c.Expiration is { } e
            ? new DateTimeOffset(DateTime.SpecifyKind(e, e.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : e.Kind)).ToUniversalTime()
            : time.GetUtcNow().AddMinutes(15);
        return new AssumedSession(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiration);
    }
}
