using System.Diagnostics;
using System.Globalization;

namespace CostGuard.Storage.Testing.Azurite;

/// <summary>
/// One running Azurite emulator (blob, queue, table) on free loopback ports, in memory. Disposing stops it: SIGTERM,
/// a bounded wait, then a kill.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft; not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string DevelopmentAccountName = "devstoreaccount1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _workingDirectory;

    private AzuriteServer(Process process, string workingDirectory, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{DevelopmentAccountName}");

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{DevelopmentAccountName}");

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{DevelopmentAccountName}");

    /// <summary>A storage connection string for this emulator (what <c>AzureWebJobsStorage</c> holds).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Finds (or installs) Azurite, starts it and waits until its three ports accept connections.</summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken)
    {
        var executable = await AzuriteLocator.FindOrInstallAsync(cancellationToken).ConfigureAwait(false);
        Exception? last = null;

        // Free ports are taken then released before Azurite binds them; another process may win one in between.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var ports = FreePorts.Take(3);
            try
            {
                return await StartOnAsync(executable, ports[0], ports[1], ports[2], cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteStartException ex)
            {
                last = ex;
            }
        }

        throw new InvalidOperationException($"Azurite ({executable}) did not start: {last?.Message} {AzuriteLocator.HowToInstall}", last);
    }

    private static async Task<AzuriteServer> StartOnAsync(string executable, int blobPort, int queuePort, int tablePort, CancellationToken cancellationToken)
    {
        var workingDirectory = Path.Combine(Path.GetTempPath(), "costguard-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", Port(blobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(queuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(tablePort),
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AzuriteStartException("the process did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot run {executable} ({ex.Message}); Azurite needs Node.js on PATH. {AzuriteLocator.HowToInstall}", ex);
        }

        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var server = new AzuriteServer(process, workingDirectory, blobPort, queuePort, tablePort);
        var waited = Stopwatch.StartNew();
        foreach (var port in new[] { blobPort, queuePort, tablePort })
        {
            while (!await FreePorts.IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
            {
                if (process.HasExited || waited.Elapsed > StartTimeout)
                {
                    var exited = process.HasExited;
                    await server.DisposeAsync().ConfigureAwait(false);
                    string stderr;
                    lock (errors) { stderr = errors.ToString().Trim(); }
                    throw new AzuriteStartException(exited
                        ? $"it exited before listening on port {port}: {stderr}"
                        : $"port {port} did not accept connections within {StartTimeout.TotalSeconds:0} s");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                Terminate(_process.Id);
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workingDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty temp folder is harmless.
            }
        }
    }

    private static void Terminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            return;
        }

        // SIGTERM lets Azurite close its servers; .NET's Process.Kill would send SIGKILL.
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
        kill?.WaitForExit(5000);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private sealed class AzuriteStartException(string message) : Exception(message);
}
