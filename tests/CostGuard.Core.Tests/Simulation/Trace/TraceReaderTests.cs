using System.IO.Compression;
using System.Text;
using CostGuard.Policies;

namespace CostGuard.Simulation.Trace;

public sealed class TraceReaderTests
{
    [Fact]
    public async Task ReadAsync_ColumnsInAnyOrderWithExtraColumns_ParsesEveryField()
    {
        var rows = await ReadAllAsync(
            "note,tags,cpu_util,gpu_util,usd_per_hour,state,type,instance,region,account,cloud,time\n"
            + "x,owner=alice;cost-center=ml,12.5,97,32.7726,running,p4d.24xlarge,i-1,us-east-1,111122223333,aws,2026-11-02T18:05:00Z\n");

        var row = Assert.Single(rows);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 18, 5, 0, TimeSpan.Zero), row.Time);
        Assert.Equal(CloudKind.Aws, row.Cloud);
        Assert.Equal("111122223333", row.Account);
        Assert.Equal("us-east-1", row.Region);
        Assert.Equal("i-1", row.Instance);
        Assert.Equal("p4d.24xlarge", row.Type);
        Assert.Equal(TraceState.Running, row.State);
        Assert.Equal(32.7726m, row.UsdPerHour);
        Assert.Equal(97, row.GpuPercent);
        Assert.Equal(12.5, row.CpuPercent);
        Assert.Equal("alice", row.Tags["owner"]);
        Assert.Equal("ml", row.Tags["cost-center"]);
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public async Task ReadAsync_EmptyUtilizationAndTags_MeanNoDatapointAndNoTags()
    {
        var rows = await ReadAllAsync(TraceText.Header + "\n2026-11-02T18:05:00Z,azure,sub,eastus,vm,Standard_NC6,stopped,0,,,\n");

        var row = Assert.Single(rows);
        Assert.Null(row.GpuPercent);
        Assert.Null(row.CpuPercent);
        Assert.Empty(row.Tags);
        Assert.Equal(CloudKind.Azure, row.Cloud);
        Assert.Equal(TraceState.Stopped, row.State);
    }

    [Fact]
    public async Task ReadAsync_TimeWithOffset_ConvertedToUtc()
    {
        var rows = await ReadAllAsync(TraceText.Header + "\n2026-11-02T19:05:00+01:00,aws,a,r,i,g5.xlarge,running,1,1,1,\n");

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 18, 5, 0, TimeSpan.Zero), rows[0].Time);
        Assert.Equal(TimeSpan.Zero, rows[0].Time.Offset);
    }

    [Fact]
    public async Task ReadAsync_QuotedFields_HandleCommasQuotesAndLineBreaks()
    {
        var rows = await ReadAllAsync(
            TraceText.Header + "\n"
            + "2026-11-02T18:05:00Z,aws,a,r,\"i-1,x\",g5.xlarge,running,1,1,1,\"Name=say \"\"hi\"\";note=a,b\"\n"
            + "2026-11-02T18:10:00Z,aws,a,r,i-2,g5.xlarge,running,1,1,1,\"Name=two\nlines\"\n"
            + "2026-11-02T18:15:00Z,aws,a,r,i-3,g5.xlarge,running,1,1,1,\n");

        Assert.Equal("i-1,x", rows[0].Instance);
        Assert.Equal("say \"hi\"", rows[0].Tags["Name"]);
        Assert.Equal("a,b", rows[0].Tags["note"]);
        Assert.Equal("two\nlines", rows[1].Tags["Name"]);
        Assert.Equal(5, rows[2].Line);
    }

    [Fact]
    public async Task ReadAsync_GzipCompressed_ReadLikePlainCsv()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(TraceText.Header + "\n2026-11-02T18:05:00Z,aws,a,r,i-1,g5.xlarge,running,1.5,40,1,owner=bob\n");
            gzip.Write(bytes);
        }

        compressed.Position = 0;
        using var reader = TraceReader.Open(compressed);
        Assert.True(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal("bob", reader.Current.Tags["owner"]);
        Assert.False(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_CorruptGzip_IsATraceErrorNotACrash()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var text = new StringBuilder(TraceText.Header + "\n");
            for (var i = 0; i < 2000; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-11-02T18:05:00Z,aws,a,r,i-{i},g5.xlarge,running,1.5,{i % 97},1,owner=u{i}\n");
            }

            gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }

        var corrupt = compressed.ToArray();
        for (var i = 20; i < corrupt.Length - 20; i += 7)
        {
            corrupt[i] ^= 0x5a;
        }

        using var reader = TraceReader.Open(new MemoryStream(corrupt));

        var error = await Assert.ThrowsAsync<TraceFormatException>(async () =>
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
            }
        });

        Assert.Contains("corrupt or truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-02T18:05:00,aws,a,r,i,g5.xlarge,running,1,1,1,", 2, "time", "no zone")]
    [InlineData("yesterday,aws,a,r,i,g5.xlarge,running,1,1,1,", 2, "time", "not an ISO-8601 time")]
    [InlineData("2026-11-02T18:05:00Z,gcp,a,r,i,g5.xlarge,running,1,1,1,", 2, "cloud", "expected aws or azure")]
    [InlineData("2026-11-02T18:05:00Z,aws,a,r,i,g5.xlarge,paused,1,1,1,", 2, "state", "expected running, stopped or terminated")]
    [InlineData("2026-11-02T18:05:00Z,aws,a,r,i,g5.xlarge,running,-1,1,1,", 2, "usd_per_hour", "non-negative decimal")]
    [InlineData("2026-11-02T18:05:00Z,aws,a,r,i,g5.xlarge,running,1,abc,1,", 2, "gpu_util", "percentage")]
    [InlineData("2026-11-02T18:05:00Z,aws,a,r,i,g5.xlarge,running,1,1,101,", 2, "cpu_util", "percentage")]
    [InlineData("2026-11-02T18:05:00Z,aws,a,r,i,g5.xlarge,running,1,1,1,owner", 2, "tags", "has no '='")]
    [InlineData("2026-11-02T18:05:00Z,aws,a,r,i,g5.xlarge,running,1,1,1,a=1;a=2", 2, "tags", "appears twice")]
    [InlineData("2026-11-02T18:05:00Z,aws,,r,i,g5.xlarge,running,1,1,1,", 2, "account", "empty")]
    public async Task ReadAsync_BadField_NamesLineAndColumn(string row, long line, string column, string problem)
    {
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync(TraceText.Header + "\n" + row + "\n"));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column '{column}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BadRowAfterGoodOnes_ReportsItsPhysicalLine()
    {
        var text = TraceText.Header + "\n"
            + "2026-11-02T18:00:00Z,aws,a,r,i,g5.xlarge,running,1,1,1,\"Name=a\nb\"\n"
            + "\n"
            + "2026-11-02T18:05:00Z,aws,a,r,i,g5.xlarge,running,1,x,1,\n";

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync(text));

        Assert.Equal(5, error.Line);
        Assert.Equal("gpu_util", error.Column);
    }

    [Fact]
    public async Task ReadAsync_HeaderMissingColumns_NamesEveryMissingColumn()
    {
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync("time,cloud,account,region,instance,type,state,usd_per_hour\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("gpu_util, cpu_util, tags", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WrongFieldCount_NamesLine()
    {
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync(TraceText.Header + "\n2026-11-02T18:05:00Z,aws,a,r,i\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("expected 11 fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnclosedQuote_NamesLineWhereRecordStarts()
    {
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync(TraceText.Header + "\n2026-11-02T18:05:00Z,aws,a,r,\"i,g5\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("not closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ManyRowsCrlfAndNoFinalNewline_EveryRowAcrossBlockBoundaries()
    {
        var text = new System.Text.StringBuilder(TraceText.Header + "\r\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-11-02T18:05:00Z,aws,a,r,i-{i},g5.xlarge,running,1,{i % 100},1,\"Name=row {i}, quoted\"\r\n");
        }

        text.Append("2026-11-02T18:06:00Z,aws,a,r,last,g5.xlarge,running,1,1,1,owner=z");

        var rows = await ReadAllAsync(text.ToString());

        Assert.Equal(5001, rows.Count);
        Assert.Equal("row 4999, quoted", rows[4999].Tags["Name"]);
        Assert.Equal(5001, rows[4999].Line);
        Assert.Equal(("last", "z", 5002L), (rows[5000].Instance, rows[5000].Tags["owner"], rows[5000].Line));
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_IsAnError()
    {
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => ReadAllAsync(""));

        Assert.Equal(1, error.Line);
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
