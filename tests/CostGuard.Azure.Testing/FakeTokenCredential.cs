using Azure.Core;

namespace CostGuard.Azure.Fakes;

/// <summary>Hands out a token naming its scope, so the fake can check each service got the right audience.</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("token-for " + string.Join(' ', requestContext.Scopes), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
