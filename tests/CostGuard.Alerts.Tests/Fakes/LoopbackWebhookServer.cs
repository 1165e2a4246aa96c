using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random port) standing in for Slack and Teams Workflows webhooks. Answers each
/// path from a script, else Slack's <c>200 ok</c> (or Workflows' <c>202</c> for <c>/workflows/</c> paths).
/// </summary>
internal sealed class LoopbackWebhookServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Task _loop;

    private LoopbackWebhookServer(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static LoopbackWebhookServer Start()
    {
        // HttpListener cannot bind port 0. Asking the OS for a free port and binding it afterwards proved racy under
        // parallel test runs (the OS hands the same recently used port out again), so try random high ports instead.
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 60_000);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackWebhookServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 100)
            {
                ((IDisposable)listener).Dispose();
            }
        }
    }

    /// <summary>Answers the next requests to this path (path and query, e.g. <c>/services/T/B/x</c>) in order.</summary>
    public void Script(string pathAndQuery, params ScriptedResponse[] responses)
    {
        var queue = _scripts.GetOrAdd(pathAndQuery, _ => new ConcurrentQueue<ScriptedResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    public IReadOnlyList<ReceivedRequest> RequestsTo(string pathAndQuery) =>
        [.. _requests.Where(r => r.PathAndQuery == pathAndQuery)];

    public async ValueTask DisposeAsync()
    {
        // Closing the managed HttpListener while an answer is still being written can block inside its locks;
        // bound the wait so a stuck close can never hang the test run (the listener is abandoned instead).
        try
        {
            await Task.Run(() =>
            {
                _listener.Stop();
                _listener.Close();
            }).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or TimeoutException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            // Answer concurrently, so a held (hung) answer does not block the next request.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var path = context.Request.Url!.PathAndQuery;
        _requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, path, context.Request.ContentType, body));

        var response = _scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted)
            ? scripted
            : path.Contains("/workflows/", StringComparison.Ordinal) ? ScriptedResponse.TeamsAccepted : ScriptedResponse.SlackOk;
        if (response.Hold is not null)
        {
            await response.Hold.ConfigureAwait(false);
        }

        try
        {
            await WriteAsync(context, response).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client gave up (timeout) or the server is shutting down.
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, ScriptedResponse response)
    {
        context.Response.StatusCode = response.Status;
        if (response.RetryAfter is not null)
        {
            context.Response.AddHeader("Retry-After", response.RetryAfter);
        }

        var bytes = Encoding.UTF8.GetBytes(response.Body);
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }
}
