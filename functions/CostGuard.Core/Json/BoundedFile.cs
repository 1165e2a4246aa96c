using System.Globalization;
using System.Text;

namespace CostGuard.Json;

/// <summary>
/// Reads a text input file only up to a size limit, so a huge (or endless: a pipe, <c>/dev/zero</c>) file costs at
/// most the limit in memory and gets a clear error naming the file and the limit instead of exhausting the machine.
/// </summary>
public static class BoundedFile
{
    /// <summary>Policy files: real policies are a few KiB; 1 MiB leaves room for thousands of accounts.</summary>
    public const long PolicyLimit = 1L << 20;

    /// <summary>
    /// Fleet snapshot files: ~300,000 instances with a day of 5-minute samples; parsing takes a few times the file in
    /// memory, so this keeps a plan under ~2 GiB.
    /// </summary>
    public const long SnapshotLimit = 512L << 20;

    /// <summary>The file's text (BOM-aware UTF-8), or an error naming the file, its size and the limit.</summary>
    public static async Task<(string? Text, string? Error)> ReadAsync(string path, long limit, string what, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        if (stream.CanSeek && stream.Length > limit)
        {
            return (null, TooLarge(what, stream.Length, limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(what, null, limit));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>A size in the units people read: <c>1 MiB</c>, <c>512 MiB</c>, <c>52,428,800 bytes</c>.</summary>
    public static string Describe(long bytes) =>
        bytes % (1L << 20) == 0 ? $"{(bytes >> 20).ToString(CultureInfo.InvariantCulture)} MiB" : $"{bytes.ToString("#,0", CultureInfo.InvariantCulture)} bytes";

    private static string TooLarge(string what, long? size, long limit) =>
        $"the {what} file is {(size is { } s ? Describe(s) : "larger than that")}; a {what} file is at most {Describe(limit)} ({limit.ToString(CultureInfo.InvariantCulture)} bytes)";
}
