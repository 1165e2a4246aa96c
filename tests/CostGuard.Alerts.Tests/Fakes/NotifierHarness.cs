namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>A notifier wired to a loopback server, an in-memory ledger, a fake clock that records backoff waits, and captured logs.</summary>
internal sealed class NotifierHarness : IAsyncDisposable
{
    public const string SlackToken = "xQ7secretTOKENvalue9Zk2LmN";
    public const string TeamsSig = "SiG0secretWorkflowSignature42";

    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);

    public NotifierHarness(AlertNotifierOptions? options = null, Ports.IAlertLedger? ledger = null)
    {
        Server = LoopbackWebhookServer.Start();
        Ledger = new InMemoryAlertLedger();
        Http = new HttpClient();
        Settings = new EnvironmentWebhookSettingResolver(name => _settings.TryGetValue(name, out var v) ? v : null);
        Notifier = new AlertNotifier(
            Http,
            ledger ?? Ledger,
            Settings,
            Time,
            options ?? new AlertNotifierOptions(),
            Logs.CreateLogger<AlertNotifier>());
    }

    public LoopbackWebhookServer Server { get; }

    public InMemoryAlertLedger Ledger { get; }

    public RetryClock Time { get; } = new(Samples.Now);

    public CapturingLoggerProvider Logs { get; } = new();

    public HttpClient Http { get; }

    public IWebhookSettingResolver Settings { get; }

    public AlertNotifier Notifier { get; }

    /// <summary>Every URL handed out, so tests can check none leaks.</summary>
    public List<string> Secrets { get; } = [];

    /// <summary>Points a setting at a Slack-shaped webhook on the loopback server; returns the path and query.</summary>
    public string SlackWebhook(string setting, string channelId = "B0TEST0002")
    {
        var path = $"/services/T0TEST0001/{channelId}/{SlackToken}{channelId}";
        Set(setting, Server.BaseUrl + path);
        return path;
    }

    /// <summary>Points a setting at a Workflows-shaped webhook (opaque URL with a <c>sig</c>); returns the path and query.</summary>
    public string TeamsWebhook(string setting, string flowId = "0f1e2d3c4b5a")
    {
        var path = $"/workflows/{flowId}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={TeamsSig}{flowId}";
        Set(setting, Server.BaseUrl + path);
        return path;
    }

    public void Set(string setting, string url)
    {
        _settings[setting] = url;
        Secrets.Add(url);
    }

    /// <summary>The pieces that must never show: whole URLs, their paths and their tokens.</summary>
    public IEnumerable<string> SecretPieces() => Secrets
        .SelectMany(url => new[] { url, Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url, SlackToken, TeamsSig })
        .Distinct(StringComparer.Ordinal);

    public void AssertNoSecretIn(string text)
    {
        foreach (var piece in SecretPieces())
        {
            Assert.DoesNotContain(piece, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
