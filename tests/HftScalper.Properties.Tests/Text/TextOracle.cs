using System.Globalization;
using System.Text;

namespace HftScalper.Properties.Tests.Text;

/// <summary>
/// What an hftbacktest text recording holds, from the format's definition alone: '\n'-separated lines (a trailing
/// '\r' and spaces trimmed), each a frame when it is <c>&lt;digits&gt; +{...</c> with a timestamp that fits a long,
/// blank, over-long, or malformed. Counts lines of each kind, their bytes, and the frames expected; a stream line
/// stamped before the stream line before it is expected at that one's time (the receive clock never runs backwards;
/// REST snapshot lines are another channel), counted in <c>Backwards</c>.
/// </summary>
internal sealed record TextOracle(long Lines, long Malformed, long TooLong, long ParsedBytes, long SkippedBytes,
    List<(long Ts, byte[] Json)> Frames, long Backwards)
{
    public static TextOracle Of(byte[] text, int maxLineBytes)
    {
        long lines = 0, malformed = 0, tooLong = 0, parsed = 0, skipped = 0, last = long.MinValue, backwards = 0;
        var frames = new List<(long, byte[])>();
        int start = 0;
        while (start < text.Length)
        {
            int nl = Array.IndexOf(text, (byte)'\n', start);
            int end = nl < 0 ? text.Length : nl;
            long bytes = end - start + (nl < 0 ? 0 : 1);
            var raw = text.AsSpan(start, end - start);
            start = end + 1;
            lines++;
            if (raw.Length > maxLineBytes) { tooLong++; skipped += bytes; continue; }
            var line = raw.TrimEnd("\r "u8);
            if (line.IsEmpty) { parsed += bytes; continue; }
            if (TryFrame(line, out long ts, out byte[] json))
            {
                if (!json.AsSpan().StartsWith("{\"lastUpdateId\""u8)) // REST snapshots are another channel
                {
                    if (ts < last) { backwards++; ts = last; }
                    last = ts;
                }
                frames.Add((ts, json));
                parsed += bytes;
            }
            else { malformed++; skipped += bytes; }
        }
        return new TextOracle(lines, malformed, tooLong, parsed, skipped, frames, backwards);
    }

    private static bool TryFrame(ReadOnlySpan<byte> line, out long ts, out byte[] json)
    {
        ts = 0;
        json = [];
        int space = line.IndexOf((byte)' ');
        if (space <= 0) return false;
        foreach (byte b in line[..space]) if (b is < (byte)'0' or > (byte)'9') return false;
        if (!long.TryParse(Encoding.ASCII.GetString(line[..space]), NumberStyles.None, CultureInfo.InvariantCulture, out ts)) return false;
        var rest = line[(space + 1)..].TrimStart((byte)' ');
        if (rest.IsEmpty || rest[0] != (byte)'{') return false;
        json = rest.ToArray();
        return true;
    }
}
