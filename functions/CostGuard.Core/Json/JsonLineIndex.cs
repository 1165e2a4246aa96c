namespace CostGuard.Json;

/// <summary>Turns UTF-8 byte offsets into 1-based line and character column.</summary>
internal sealed class JsonLineIndex
{
    private readonly byte[] _bytes;
    private readonly List<int> _starts = [0];

    public JsonLineIndex(byte[] bytes)
    {
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                _starts.Add(i + 1);
            }
        }
    }

    public JsonSourcePosition FromOffset(int offset)
    {
        var index = _starts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return new JsonSourcePosition(line + 1, Column(_starts[line], offset));
    }

    public JsonSourcePosition FromLineAndByte(int zeroBasedLine, int bytePosition)
    {
        var line = Math.Clamp(zeroBasedLine, 0, _starts.Count - 1);
        var offset = Math.Min(_starts[line] + bytePosition, _bytes.Length);
        return new JsonSourcePosition(line + 1, Column(_starts[line], offset));
    }

    private int Column(int lineStart, int offset)
    {
        // Count characters, not bytes: UTF-8 continuation bytes look like 10xxxxxx.
        var column = 1;
        for (var i = lineStart; i < offset && i < _bytes.Length; i++)
        {
            if ((_bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return column;
    }
}
