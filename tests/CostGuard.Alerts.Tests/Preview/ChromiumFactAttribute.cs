namespace CostGuard.Alerts.Tests.Preview;

/// <summary>
/// A fact that needs headless Chromium (trait <c>Category=Browser</c>). Without a <c>chromium</c> on PATH it is
/// reported as skipped, never as passed. CI installs Chromium (.ci/run), so it runs there.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "needs headless Chromium on PATH (apt-get install -y chromium)";
        }
    }
}
