using System.Diagnostics;

namespace CostGuard.Storage.Testing.Azurite;

/// <summary>
/// Finds the Azurite emulator: <c>COSTGUARD_AZURITE</c> (the executable, or a folder holding
/// <c>node_modules/.bin/azurite</c>), else <c>.tools/azurite</c> in the clone (where <c>.ci/run</c> installs it, git
/// ignores it). When neither has it, installs it there with npm once: several test projects start at the same time, so
/// the install runs under an exclusive file lock and the others wait for it and then find it.
/// </summary>
public static class AzuriteLocator
{
    /// <summary>The version <c>.ci/run</c> and the fallback install use (served by the npm registry here).</summary>
    public const string Version = "3.37.0";

    public const string EnvironmentVariable = "COSTGUARD_AZURITE";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    public static string HowToInstall =>
        $"Azurite (the Azure Storage emulator, Node.js) is needed by the storage tests. Install it with " +
        $"`npm install --prefix .tools/azurite azurite@{Version}` at the repository root (what .ci/run does), " +
        $"or point {EnvironmentVariable} at an azurite executable.";

    /// <summary>The azurite executable, installing it when absent.</summary>
    public static async Task<string> FindOrInstallAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return FromSetting(configured)
                ?? throw new InvalidOperationException($"{EnvironmentVariable}='{configured}' is neither an azurite executable nor a folder with node_modules/.bin/azurite. {HowToInstall}");
        }

        var root = RepositoryRoot()
            ?? throw new InvalidOperationException($"Cannot find the repository root (CostGuard.sln) above {AppContext.BaseDirectory}. {HowToInstall}");
        var folder = Path.Combine(root, ".tools", "azurite");
        var executable = Path.Combine(folder, "node_modules", ".bin", "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        Directory.CreateDirectory(folder);
        using var installLock = await TakeInstallLockAsync(Path.Combine(root, ".tools", "azurite.lock"), cancellationToken).ConfigureAwait(false);
        if (!File.Exists(executable))
        {
            await InstallAsync(folder, cancellationToken).ConfigureAwait(false);
        }

        return File.Exists(executable) ? executable : throw new InvalidOperationException($"npm finished but {executable} is missing. {HowToInstall}");
    }

    private static string? FromSetting(string setting)
    {
        if (File.Exists(setting))
        {
            return Path.GetFullPath(setting);
        }

        var inFolder = Path.Combine(setting, "node_modules", ".bin", "azurite");
        return File.Exists(inFolder) ? Path.GetFullPath(inFolder) : null;
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CostGuard.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static async Task<FileStream> TakeInstallLockAsync(string path, CancellationToken cancellationToken)
    {
        // FileShare.None is an exclusive advisory lock on Unix too; the holder is the one process installing.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < InstallTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task InstallAsync(string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", folder, $"azurite@{Version}" })
        {
            start.ArgumentList.Add(argument);
        }

        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Azurite is not installed and npm is not available to install it ({ex.Message}). {HowToInstall}", ex);
        }

        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(InstallTimeout);
            try
            {
                await npm.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                npm.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"npm install azurite@{Version} did not finish within {InstallTimeout}. {HowToInstall}");
            }

            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm install azurite@{Version} failed with exit code {npm.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()} {HowToInstall}");
            }
        }
    }
}
