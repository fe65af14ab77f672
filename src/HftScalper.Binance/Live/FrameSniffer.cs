using System.Runtime.CompilerServices;

namespace HftScalper.Binance.Live;

/// <summary>
/// Reads just enough of a combined-stream message to route and deduplicate it — the stream name (symbol and
/// kind) and the top-level ids <c>U</c>, <c>u</c>, <c>t</c>, <c>a</c>, <c>E</c> — without parsing levels: it
/// stops at the first nested array. Full parsing is the parser's job; this runs before it on the receive loop.
/// </summary>
internal static class FrameSniffer
{
    private static ReadOnlySpan<byte> StreamPrefix => "{\"stream\":\""u8;

    /// <summary>Classifies <paramref name="m"/>. Never throws; malformed input yields <see cref="FrameClass.Malformed"/>.</summary>
    public static void Sniff(ReadOnlySpan<byte> m, out SniffedFrame s)
    {
        s = default;
        if (!m.StartsWith(StreamPrefix))
        {
            ClassifyNonStream(m, ref s);
            return;
        }
        int p = StreamPrefix.Length;
        int nameLen = m[p..].IndexOf((byte)'"');
        if (nameLen <= 0) return;
        var name = m.Slice(p, nameLen);
        int at = name.IndexOf((byte)'@');
        if (at <= 0) return;
        s.SymbolStart = p;
        s.SymbolLength = at;
        s.Kind = KindOf(name[(at + 1)..]);
        int dataAt = m[(p + nameLen)..].IndexOf("\"data\":{"u8);
        if (dataAt < 0) return;
        s.Class = FrameClass.Stream;
        ScanTopLevel(m[(p + nameLen + dataAt + 8)..], ref s);
    }

    private static StreamKind KindOf(ReadOnlySpan<byte> k)
    {
        if (k.StartsWith("depth"u8)) return k.Length == 5 || k[5] == (byte)'@' ? StreamKind.Depth : StreamKind.Other;
        if (k.SequenceEqual("bookTicker"u8)) return StreamKind.BookTicker;
        if (k.SequenceEqual("trade"u8)) return StreamKind.Trade;
        if (k.SequenceEqual("aggTrade"u8)) return StreamKind.AggTrade;
        return StreamKind.Other;
    }

    // Walks "key":value pairs of the data object; nested arrays end the walk (ids come before levels).
    private static void ScanTopLevel(ReadOnlySpan<byte> d, ref SniffedFrame s)
    {
        int i = 0;
        while (i < d.Length)
        {
            byte c = d[i];
            if (c == (byte)'}' || c == (byte)'[' || c == (byte)'{') return;
            if (c != (byte)'"') { i++; continue; }
            int keyEnd = d[(i + 1)..].IndexOf((byte)'"');
            if (keyEnd < 0) { s.Class = FrameClass.Malformed; return; }
            var key = d.Slice(i + 1, keyEnd);
            i += keyEnd + 2;
            if (i >= d.Length || d[i] != (byte)':') { s.Class = FrameClass.Malformed; return; }
            i++;
            if (i >= d.Length) { s.Class = FrameClass.Malformed; return; }
            if (d[i] == (byte)'"')
            {
                int valEnd = d[(i + 1)..].IndexOf((byte)'"');
                if (valEnd < 0) { s.Class = FrameClass.Malformed; return; }
                if (key.Length == 1 && key[0] == (byte)'e' && d.Slice(i + 1, valEnd).SequenceEqual("serverShutdown"u8))
                    s.Class = FrameClass.ServerShutdown;
                i += valEnd + 2;
                continue;
            }
            if (!TryNumber(d, ref i, out long v)) continue;
            if (key.Length != 1) continue;
            switch (key[0])
            {
                case (byte)'E': s.EventTime = v; break;
                case (byte)'U': s.FirstId = v; break;
                case (byte)'u' when s.Kind is StreamKind.Depth or StreamKind.BookTicker: s.Id = v; s.HasId = true; break;
                case (byte)'t' when s.Kind == StreamKind.Trade: s.Id = v; s.HasId = true; break;
                case (byte)'a' when s.Kind == StreamKind.AggTrade: s.Id = v; s.HasId = true; break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryNumber(ReadOnlySpan<byte> d, ref int i, out long v)
    {
        v = 0;
        int start = i;
        while (i < d.Length && (uint)(d[i] - '0') <= 9)
        {
            v = v * 10 + (d[i] - '0');
            i++;
        }
        return i > start;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ClassifyNonStream(ReadOnlySpan<byte> m, ref SniffedFrame s)
    {
        if (m.IndexOf("serverShutdown"u8) >= 0) { s.Class = FrameClass.ServerShutdown; return; }
        int idAt = m.IndexOf("\"id\":"u8);
        if (idAt >= 0 && m.StartsWith("{"u8))
        {
            int i = idAt + 5;
            if (TryNumber(m, ref i, out long id))
            {
                s.Class = FrameClass.ControlResponse;
                s.Id = id;
                s.HasId = true;
            }
        }
    }
}
