using System.IO.Compression;
using System.Text;
using CsCheck;

namespace CostGuard.Simulation.Trace;

/// <summary>Whatever bytes a trace holds, reading it ends normally or with a <see cref="TraceFormatException"/>: never a crash.</summary>
public sealed class TraceReaderFuzzTests
{
    private const string CsvAlphabet = "\",\n\r;= \taAzZ0159.-:TZ\u00e9\u202e\u0000";

    private static readonly string[] Fragments =
    [
        TraceText.Header, "\n", "\r\n", ",", "\"", "\"\"", "2026-11-02T18:05:00Z", "aws", "azure", "running", "stopped", "terminated",
        "g5.xlarge", "1.5", "100", "101", "-1", "owner=alice;cost-center=ml", "=", ";", "i-1", "\u202e", "\u001b[31m",
    ];

    // Plain random bytes, CSV-shaped text, trace fragments glued at random, and gzip of any of those.
    private static readonly Gen<byte[]> Inputs = Gen.OneOf(
        Gen.Byte.Array[0, 600],
        Gen.Char[CsvAlphabet].Array[0, 600].Select(c => Encoding.UTF8.GetBytes(TraceText.Header + "\n" + new string(c))),
        Gen.OneOf<string>(Fragments).Array[0, 80].Select(f => Encoding.UTF8.GetBytes(string.Concat(f))),
        Gen.OneOf<string>(Fragments).Array[0, 80].Select(f => Gzip(Encoding.UTF8.GetBytes(string.Concat(f)))),
        Gen.Byte.Array[0, 200].Select(b => Truncated(Gzip(b))));

    [Fact]
    public async Task ReadAsync_ArbitraryBytes_EndsOrThrowsOnlyTraceFormatException()
    {
        await Inputs.SampleAsync(ReadAllAsync, iter: 4000, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    private static async Task ReadAllAsync(byte[] bytes)
    {
        using var reader = TraceReader.Open(new MemoryStream(bytes));
        try
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                Assert.True(reader.Current.Line >= 2);
            }
        }
        catch (TraceFormatException ex)
        {
            Assert.True(ex.Line >= 1, ex.Message);
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Truncated(byte[] bytes) => bytes.Length < 12 ? bytes : bytes[..(bytes.Length * 2 / 3)];
}
