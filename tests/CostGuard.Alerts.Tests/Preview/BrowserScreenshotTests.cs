using System.Buffers.Binary;

namespace CostGuard.Alerts.Tests.Preview;

/// <summary>Screenshots the previews with headless Chromium, as the doc pictures are made. Needs Chromium: see the trait.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserScreenshotTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [ChromiumFact]
    public async Task Screenshot_EveryPreview_IsAPngOfTheWindowSize()
    {
        var dir = Directory.CreateTempSubdirectory("costguard-previews-").FullName;
        try
        {
            foreach (var (name, html) in await PreviewSet.HtmlPagesAsync())
            {
                var htmlFile = Path.Combine(dir, name + ".html");
                var pngFile = Path.Combine(dir, name + ".png");
                await File.WriteAllTextAsync(htmlFile, html);

                var exit = await Chromium.ScreenshotAsync(htmlFile, pngFile, 860, 600);

                Assert.Equal(0, exit);
                var png = await File.ReadAllBytesAsync(pngFile);
                Assert.Equal(PngSignature, png[..8]);
                Assert.Equal(860, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
                Assert.Equal(600, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
                Assert.True(png.Length > 10_000, $"{name}.png is suspiciously small ({png.Length} bytes): an empty page?");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
