using System.Net;
using System.Net.Sockets;

namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>
/// A loopback port that accepts connections and resets them at once: a network failure on demand. The port stays
/// ours for the whole test, so no other server can take it (unlike "a port that is probably closed").
/// </summary>
internal sealed class ResettingEndpoint : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public ResettingEndpoint()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            // One connection going wrong must not stop the loop: unaccepted connections would hang their clients.
            try
            {
                client.Client.LingerState = new LingerOption(true, 0);
            }
            catch (SocketException)
            {
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
