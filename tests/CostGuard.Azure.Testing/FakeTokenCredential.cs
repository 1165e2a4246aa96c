using Azure.Core;

namespace CostGuard.Azure.Fakes;

/// <summary>
/// Hands out a token naming its scope, so the fake can check each service got the right audience. Bumping
/// <see cref="Generation"/> makes the next token a new one (as after a refresh), to test expired-token handling.
/// </summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    private int _generation = 1;
    private int _issued;

    public int Generation
    {
        get => Volatile.Read(ref _generation);
        set => Volatile.Write(ref _generation, value);
    }

    /// <summary>Tokens handed out so far.</summary>
    public int Issued => Volatile.Read(ref _issued);

    public static string TokenFor(string scope, int generation = 1) =>
        generation == 1 ? "token-for " + scope : $"token-for {scope} gen{generation}";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _issued);
        return new(TokenFor(string.Join(' ', requestContext.Scopes), Generation), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
