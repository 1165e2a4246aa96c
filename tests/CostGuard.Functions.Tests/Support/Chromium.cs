using System.Diagnostics;

namespace CostGuard.Functions.Support;

/// <summary>Headless Chromium renders a page to PNG (installed by .ci/run; a missing browser fails the test, never skips it).</summary>
internal static class Chromium
{
    public static async Task<string> ScreenshotAsync(string htmlFile, string pngFile)
    {
        var binary = new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(Which).FirstOrDefault(p => p is not null)
            ?? throw new InvalidOperationException("chromium is not installed: apt-get install -y chromium (.ci/run does this)");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", $"--screenshot={pngFile}", "--window-size=1200,900", "file://" + htmlFile })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return await stderr;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
