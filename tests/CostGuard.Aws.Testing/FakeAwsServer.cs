using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CostGuard.Aws.Testing;

/// <summary>
/// A loopback HTTP server speaking EC2 (Query/XML), STS (Query/XML), CloudWatch (JSON 1.0) and Cost
/// Explorer (JSON 1.1) on one port, as AWS_ENDPOINT_URL points every service at it. Routes by form
/// <c>Action</c> or <c>X-Amz-Target</c>; the signing region comes from the Authorization header, the
/// account from the access key (STS hands out <c>ASIA&lt;account&gt;</c> keys).
/// </summary>
public sealed partial class FakeAwsServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly List<FakeRequest> _requests = [];
    private readonly List<(Func<FakeRequest, bool> Match, FakeReply Reply, int Remaining)> _scripted = [];
    private readonly List<ReplyHold> _holds = [];
    private readonly object _gate = new();

    public FakeAwsServer(FakeAwsCloud cloud)
    {
        Cloud = cloud;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public FakeAwsCloud Cloud { get; }

    public Uri Endpoint { get; }

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public int Count(string operation) => Requests.Count(r => r.Operation == operation);

    /// <summary>Answers the next <paramref name="times"/> matching requests with <paramref name="reply"/>.</summary>
    public void Script(Func<FakeRequest, bool> match, FakeReply reply, int times = 1)
    {
        lock (_gate)
        {
            _scripted.Add((match, reply, times));
        }
    }

    public void Script(string operation, FakeReply reply, int times = 1) => Script(r => r.Operation == operation, reply, times);

    /// <summary>Applies matching requests but holds their replies until the returned hold is released.</summary>
    public ReplyHold Hold(Func<FakeRequest, bool> match)
    {
        var hold = new ReplyHold(match);
        lock (_gate)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    public ReplyHold Hold(string operation) => Hold(r => r.Operation == operation);

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var hold in _holds)
            {
                hold.Release();
            }
        }

        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The listener throws on stop; nothing to report.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        FakeReply reply;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var request = Describe(context.Request, body);
            lock (_gate)
            {
                _requests.Add(request);
            }

            reply = TakeScripted(request) ?? Cloud.Answer(request);
            ReplyHold? hold;
            lock (_gate)
            {
                hold = _holds.FirstOrDefault(h => h.Match(request));
            }

            if (hold is not null)
            {
                await hold.HoldAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            reply = new FakeReply(500, "text/plain", $"fake failed: {ex}");
        }

        try
        {
            await WriteAsync(context, reply).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone (a killed process): the call was applied, its reply has nobody to go to.
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, FakeReply reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private FakeReply? TakeScripted(FakeRequest request)
    {
        lock (_gate)
        {
            for (var i = 0; i < _scripted.Count; i++)
            {
                var (match, reply, remaining) = _scripted[i];
                if (remaining > 0 && match(request))
                {
                    _scripted[i] = (match, reply, remaining - 1);
                    return reply;
                }
            }
        }

        return null;
    }

    private static FakeRequest Describe(HttpListenerRequest request, string body)
    {
        var auth = request.Headers["Authorization"] ?? string.Empty;
        var credential = CredentialPattern().Match(auth);
        var accessKey = credential.Success ? credential.Groups[1].Value : string.Empty;
        var region = credential.Success ? credential.Groups[2].Value : string.Empty;
        var service = credential.Success ? credential.Groups[3].Value : string.Empty;
        var target = request.Headers["X-Amz-Target"];
        var operation = target is not null
            ? target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]
            : Form.Parse(body).GetValueOrDefault("Action", "unknown");
        return new FakeRequest(service, operation, region, accessKey, body, request.Headers["X-Amz-Security-Token"]);
    }

    [GeneratedRegex(@"Credential=([^/]+)/\d{8}/([^/]+)/([^/]+)/aws4_request")]
    private static partial Regex CredentialPattern();
}
