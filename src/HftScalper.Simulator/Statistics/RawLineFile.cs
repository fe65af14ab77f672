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

    /// <summary>
    /// Writes every frame of <paramref name="source"/> to <paramref name="output"/>; returns the count. A REST depth
    /// snapshot names no symbol (<c>{"lastUpdateId":..,"bids":..}</c>), so a reader can only give it to the file's one
    /// symbol. When <paramref name="snapshotSymbols"/> is given (a file of several symbols, indexed by the frames'
    /// <see cref="RawFrame.SymbolId"/>), each snapshot line names its symbol the way COIN-M's REST snapshot does
    /// (<c>{"lastUpdateId":N,"symbol":"BTCUSDT",..}</c>), which the parser reads.
    /// </summary>
    public static long WriteAll(IRawFrameSource source, Stream output, IReadOnlyList<string>? snapshotSymbols = null)
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
            if (snapshotSymbols is not null && frame.Origin == FrameOrigin.RestSnapshot) WriteNamedSnapshot(output, frame, snapshotSymbols);
            else output.Write(frame.Payload.Span);
            output.WriteByte((byte)'\n');
            n++;
        }
        return n;
    }

    // {"lastUpdateId":N,"bids":..} -> {"lastUpdateId":N,"symbol":"NAME","bids":..}: the id stays first (readers know a
    // snapshot line by its opening), the symbol goes right after it.
    private static void WriteNamedSnapshot(Stream output, in RawFrame frame, IReadOnlyList<string> symbols)
    {
        var json = frame.Payload.Span;
        int comma = json.IndexOf((byte)',');
        if ((uint)frame.SymbolId >= (uint)symbols.Count || comma < 0)
            throw new InvalidOperationException($"a snapshot frame of symbol #{frame.SymbolId} cannot be named (symbols: {symbols.Count})");
        output.Write(json[..(comma + 1)]);
        output.Write(System.Text.Encoding.ASCII.GetBytes($"\"symbol\":\"{symbols[frame.SymbolId].ToUpperInvariant()}\","));
        output.Write(json[(comma + 1)..]);
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
