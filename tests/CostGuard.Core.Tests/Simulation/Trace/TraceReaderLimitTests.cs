using System.Text;

namespace CostGuard.Simulation.Trace;

public sealed class TraceReaderLimitTests
{
    private const string Row = "2026-11-02T18:05:00Z,aws,a,r,i-1,g5.xlarge,running,1,1,1,";

    [Fact]
    public async Task ReadAsync_RowOfExactlyTheLimit_IsRead()
    {
        var tags = "note=" + new string('x', TraceLimits.MaxRowBytes - Row.Length - 5);
        var rows = await ReadAllAsync(TraceText.Header + "\n" + Row + tags + "\n");

        Assert.Equal(TraceLimits.MaxRowBytes - Row.Length - 5, Assert.Single(rows).Tags["note"].Length);
    }

    [Fact]
    public async Task ReadAsync_LineOverTheLimit_NamesLineAndLimit()
    {
        var tags = "note=" + new string('x', TraceLimits.MaxRowBytes);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync(TraceText.Header + "\n" + Row + "\n" + Row + tags + "\n" + Row + "\n"));

        Assert.Equal(3, error.Line);
        Assert.Equal("line 3: the row is longer than 64 KiB (65,536 bytes), the limit for one trace row", error.Message);
    }

    [Fact]
    public async Task ReadAsync_EndlessLineWithoutNewline_StopsAtTheLimitWithoutReadingTheRest()
    {
        // 1 GiB of 'x' that is never materialised: the reader must give up after about 64 KiB.
        var endless = new EndlessStream(Encoding.UTF8.GetBytes(TraceText.Header + "\n"), (byte)'x', 1L << 30);
        using var reader = TraceReader.Open(endless);

        var error = await Assert.ThrowsAsync<TraceFormatException>(async () => await reader.ReadAsync(CancellationToken.None));

        Assert.Equal(2, error.Line);
        Assert.True(endless.Served < 4 * TraceLimits.MaxRowBytes, $"read {endless.Served} bytes");
    }

    [Fact]
    public async Task ReadAsync_QuotedRowOfManyShortLinesOverTheLimit_NamesTheLineWhereTheRowStarts()
    {
        var lines = string.Concat(Enumerable.Repeat("line\n", (TraceLimits.MaxRowBytes / 5) + 10));
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync(TraceText.Header + "\n" + Row + "\n" + Row + "\"" + lines + "\"\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("64 KiB", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<TraceRow>> ReadAllAsync(string text)
    {
        using var reader = TraceReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var rows = new List<TraceRow>();
        while (await reader.ReadAsync(CancellationToken.None))
        {
            rows.Add(reader.Current);
        }

        return rows;
    }
}
