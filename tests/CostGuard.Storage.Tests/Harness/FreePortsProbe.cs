using System.Net;
using System.Net.Sockets;

namespace CostGuard.Storage.Harness;

internal static class FreePortsProbe
{
    public static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
