using System.Diagnostics;

namespace CostGuard.Alerts.Tests.Preview;

/// <summary>Finds and runs headless Chromium for the screenshot test.</summary>
internal static class Chromium
{
    public static string? Path { get; } = Find();

    /// <summary>Screenshots a local HTML file to a PNG of the given size; returns Chromium's exit code.</summary>
    public static async Task<int> ScreenshotAsync(string htmlFile, string pngFile, int width, int height)
    {
        var info = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium not found"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--hide-scrollbars",
            $"--window-size={width},{height}", $"--screenshot={pngFile}", new Uri(htmlFile).AbsoluteUri,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var drainOut = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var drainErr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(drainOut, drainErr);
        return process.ExitCode;
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
