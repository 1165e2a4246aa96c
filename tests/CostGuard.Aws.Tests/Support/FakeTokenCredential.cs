using Azure.Core;

namespace CostGuard.Aws.Support;

/// <summary>An Entra token source standing in for the managed identity: hands out numbered tokens, records the scopes asked.</summary>
internal sealed class FakeTokenCredential(Func<int, string> token) : TokenCredential
{
    private readonly List<string> _scopes = [];

    public Exception? Failure { get; set; }

    public IReadOnlyList<string> Scopes
    {
        get
        {
            lock (_scopes)
            {
                return _scopes.ToList();
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        int n;
        lock (_scopes)
        {
            _scopes.AddRange(requestContext.Scopes);
            n = _scopes.Count;
        }

        return ValueTask.FromResult(new AccessToken(token(n), DateTimeOffset.MaxValue));
    }
}
