using System.Buffers.Text;
using System.IO.Compression;
using HftScalper.Core.Frames;

namespace HftScalper.Simulator.Statistics;

/// <summary>
/// The recording text format shared with <c>/work/shared/data/binance/spot</c>: one frame per line,
/// <c>&lt;local_receive_ts_ns&gt; &lt;json&gt;</c>, gzip-compressed when the file name ends in <c>.gz</c>.
/// </summary>
public static class RawLineFile
{
    /// <summary>Opens <paramref name="path"/> for writing (gzip when it ends in .gz).</summary>
    public static Stream Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: false)
            : file;
    }

    /// <summary>Writes every frame of <paramref name="source"/> to <paramref name="output"/>; returns the count.</summary>
    public static long WriteAll(IRawFrameSource source, Stream output)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> ts = stackalloc byte[24];
        long n = 0;
        while (source.TryRead(out var frame))
        {
            Utf8Formatter.TryFormat(frame.LocalTimeNs, ts, out int len);
            ts[len++] = (byte)' ';
            output.Write(ts[..len]);
            output.Write(frame.Payload.Span);
            output.WriteByte((byte)'\n');
            n++;
        }
        return n;
    }

    /// <summary>Reads the lines of one or more files in order as (local ts, JSON text); malformed lines come back
    /// with ts -1 so the caller can count them.</summary>
    public static IEnumerable<(long LocalTimeNs, string Json)> ReadLines(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            using var file = File.OpenRead(path);
            using Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(s);
            while (reader.ReadLine() is { } line)
            {
                int sp = line.IndexOf(' ', StringComparison.Ordinal);
                if (sp <= 0 || !long.TryParse(line.AsSpan(0, sp), out long ts)) yield return (-1, line);
                else yield return (ts, line[(sp + 1)..]);
            }
        }
    }
}
