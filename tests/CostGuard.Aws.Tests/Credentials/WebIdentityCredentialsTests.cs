using Azure.Identity;
using CostGuard.Aws.Credentials;
using CostGuard.Aws.Endpoints;
using CostGuard.Aws.Support;
using CostGuard.Aws.Testing;
using CostGuard.Ports;

namespace CostGuard.Aws.Credentials;

/// <summary>
/// The managed-identity credential path against the loopback STS: Entra token -> AssumeRoleWithWebIdentity of
/// the base role -> AssumeRole per account, cached and refreshed before expiry on the injected clock.
/// </summary>
public sealed class WebIdentityCredentialsTests : IAsyncLifetime
{
    private const string BaseRole = "arn:aws:iam::999988887777:role/CostGuardEnforcer";

    private readonly AwsHarness _aws = new();
    private readonly FakeTokenCredential _entra = new(n => $"entra-token-{n}");

    public Task InitializeAsync()
    {
        _aws.Cloud.WebIdentityRoleArn = BaseRole;
        _aws.Cloud.WebIdentityToken = "entra-token-1";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task ReadAccount_RoleArnSetting_ExchangesEntraTokenThenAssumesTheAccountRole()
    {
        _aws.Add("i-0gpu000000000001", "111122223333", "us-east-1");
        var provider = Provider();

        var result = await provider.ReadAccountAsync(AwsHarness.Policy(), AwsHarness.Account("111122223333", "us-east-1"), AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal(["api://AzureADTokenExchange/.default"], _entra.Scopes);
        var requests = _aws.Server.Requests.ToList();
        var exchange = Assert.Single(requests, r => r.Operation == "AssumeRoleWithWebIdentity");
        Assert.Equal(string.Empty, exchange.AccessKey);
        Assert.Contains("RoleSessionName=costguard", exchange.Body, StringComparison.Ordinal);
        Assert.Contains("WebIdentityToken=entra-token-1", exchange.Body, StringComparison.Ordinal);
        var assume = Assert.Single(requests, r => r.Operation == "AssumeRole");
        Assert.Equal("ASIA999988887777", assume.AccessKey);
        Assert.Equal("web-999988887777-1", assume.SecurityToken);
        Assert.All(requests.Where(r => r.Operation == "DescribeInstances"), r => Assert.Equal("ASIA111122223333", r.AccessKey));
        Assert.True(requests.IndexOf(exchange) < requests.IndexOf(assume));
    }

    [Fact]
    public async Task ReadAccount_AccountWithoutRoleArn_UsesTheWebIdentitySessionItself()
    {
        _aws.Add("i-0gpu000000000002", "999988887777", "eu-west-1");
        var account = AwsHarness.Account("999988887777", "eu-west-1") with { RoleArn = null };

        var result = await Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal(0, _aws.Server.Count("AssumeRole"));
        Assert.All(_aws.Server.Requests.Where(r => r.Operation == "DescribeInstances"), r =>
        {
            Assert.Equal("ASIA999988887777", r.AccessKey);
            Assert.Equal("web-999988887777-1", r.SecurityToken);
        });
    }

    [Fact]
    public async Task ReadAccount_ConfiguredAudience_AsksEntraForThatAudience()
    {
        var provider = Provider(("COSTGUARD_AWS_WEB_IDENTITY_AUDIENCE", "api://costguard-aws"));

        await provider.ReadAccountAsync(AwsHarness.Policy(), AwsHarness.Account("111122223333", "us-east-1"), AwsHarness.Now, CancellationToken.None);

        Assert.Equal(["api://costguard-aws/.default"], _entra.Scopes);
    }

    [Fact]
    public async Task ReadAccount_TwoSweepsWithinTheSession_ExchangesOnce()
    {
        var provider = Provider();
        var account = AwsHarness.Account("111122223333", "us-east-1");

        await provider.ReadAccountAsync(AwsHarness.Policy(), account, AwsHarness.Now, CancellationToken.None);
        _aws.Time.Advance(TimeSpan.FromMinutes(30));
        await provider.ReadAccountAsync(AwsHarness.Policy(), account, _aws.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(1, _aws.Server.Count("AssumeRoleWithWebIdentity"));
        Assert.Single(_entra.Scopes);
    }

    [Fact]
    public async Task EnsureAsync_JustBeforeTheRefreshMargin_KeepsTheSession()
    {
        var credentials = Credentials();
        var first = await credentials.EnsureAsync(CancellationToken.None);

        _aws.Time.Advance(TimeSpan.FromHours(1) - AwsSessions.RefreshMargin - TimeSpan.FromSeconds(1));
        var second = await credentials.EnsureAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, _aws.Server.Count("AssumeRoleWithWebIdentity"));
    }

    [Fact]
    public async Task EnsureAsync_WithinTheRefreshMargin_ExchangesAFreshToken()
    {
        var credentials = Credentials();
        var first = await credentials.EnsureAsync(CancellationToken.None);
        _aws.Cloud.WebIdentityToken = "entra-token-2";

        _aws.Time.Advance(TimeSpan.FromHours(1) - AwsSessions.RefreshMargin);
        var second = await credentials.EnsureAsync(CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(2, _aws.Server.Count("AssumeRoleWithWebIdentity"));
        Assert.Equal("web-999988887777-2", (await second.Credentials.GetCredentialsAsync()).Token);
        Assert.Equal(_aws.Time.GetUtcNow() + TimeSpan.FromHours(1), second.Expiration);
        Assert.Equal(second.Expiration.UtcDateTime, credentials.Expiration);
    }

    [Fact]
    public async Task GetCredentialsAsync_ManyCallersAtOnce_ExchangeOnce()
    {
        var credentials = Credentials();

        var all = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(credentials.GetCredentialsAsync)));

        Assert.Equal(1, _aws.Server.Count("AssumeRoleWithWebIdentity"));
        Assert.All(all, c => Assert.Equal("ASIA999988887777", c.AccessKey));
    }

    [Fact]
    public async Task ReadAccount_StsDeniesTheToken_ReportsTheAccountIncompleteWithoutTheToken()
    {
        _aws.Cloud.WebIdentityToken = "a-token-for-someone-else";

        var result = await Provider().ReadAccountAsync(AwsHarness.Policy(), AwsHarness.Account("111122223333", "us-east-1"), AwsHarness.Now, CancellationToken.None);

        Assert.False(result.Complete);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("AssumeRoleWithWebIdentity", problem, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("entra-token", problem, StringComparison.Ordinal);
        Assert.Equal(0, _aws.Server.Count("DescribeInstances"));
    }

    [Fact]
    public async Task ReadAccount_NoManagedIdentity_ReportsTheMissingToken()
    {
        _entra.Failure = new CredentialUnavailableException("ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.");

        var result = await Provider().ReadAccountAsync(AwsHarness.Policy(), AwsHarness.Account("111122223333", "us-east-1"), AwsHarness.Now, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Contains("no Entra token for audience api://AzureADTokenExchange", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Equal(0, _aws.Server.Count("AssumeRoleWithWebIdentity"));
    }

    [Fact]
    public async Task ReadAccount_RoleArnSettingNotAnArn_ReportsTheSetting()
    {
        var provider = Provider(("COSTGUARD_AWS_WEB_IDENTITY_ROLE_ARN", "CostGuardEnforcer"));

        var result = await provider.ReadAccountAsync(AwsHarness.Policy(), AwsHarness.Account("111122223333", "us-east-1"), AwsHarness.Now, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Contains("COSTGUARD_AWS_WEB_IDENTITY_ROLE_ARN", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccount_NoRoleArnSetting_UsesTheStandardChainAndNeverAsksEntra()
    {
        var provider = _aws.Provider();

        var result = await provider.ReadAccountAsync(AwsHarness.Policy(), AwsHarness.Account("111122223333", "us-east-1"), AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal(0, _aws.Server.Count("AssumeRoleWithWebIdentity"));
        Assert.Equal(FakeAwsCloud.BaseAccessKey, Assert.Single(_aws.Server.Requests, r => r.Operation == "AssumeRole").AccessKey);
        Assert.Empty(_entra.Scopes);
    }

    [Fact]
    public void From_AudienceAndRegionUnset_DefaultsToTokenExchangeAndUsEast1()
    {
        var settings = WebIdentitySettings.From(name => name == WebIdentitySettings.RoleArnSetting ? BaseRole : null);

        Assert.Equal(new WebIdentitySettings(BaseRole, "api://AzureADTokenExchange", "us-east-1"), settings);
        Assert.Null(WebIdentitySettings.From(_ => null));
    }

    private AwsFleetProvider Provider(params (string Name, string Value)[] extra) => new(new AwsProviderSettings
    {
        GetVariable = name => name switch
        {
            "AWS_ENDPOINT_URL" => _aws.Server.Endpoint.ToString(),
            _ when extra.Any(e => e.Name == name) => extra.First(e => e.Name == name).Value,
            WebIdentitySettings.RoleArnSetting => BaseRole,
            _ => null,
        },
        BillingCache = _aws.Cache,
        Requests = _aws.Requests,
        Time = _aws.Time,
        AzureTokenCredential = _entra,
        RetryDelay = (_, _) => Task.CompletedTask,
    });

    private WebIdentityCredentials Credentials()
    {
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? _aws.Server.Endpoint.ToString() : null);
        var clients = new AwsClients(endpoints, new SocketsHttpHandler(), new ApiRequestCounter(), 0);
        var next = 0;
        var entra = new FakeTokenCredential(_ => $"entra-token-{Interlocked.Increment(ref next)}");
        return new WebIdentityCredentials(new WebIdentitySettings(BaseRole, WebIdentitySettings.DefaultAudience, "us-east-1"), entra, clients, _aws.Time);
    }
}
