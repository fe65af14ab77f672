using System.Text;
using HftScalper.Core.Frames;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>A frame copied out of a source (sources lend their payload only until the next read).</summary>
internal sealed record OwnedFrame(long LocalTimeNs, FrameOrigin Origin, int SymbolId, int StreamId, string Payload)
{
    public static OwnedFrame From(in RawFrame f) =>
        new(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, Encoding.UTF8.GetString(f.Payload.Span));

    public RawFrame ToRaw() => new(LocalTimeNs, Origin, SymbolId, StreamId, Encoding.UTF8.GetBytes(Payload));
}

internal static class JournalTestFrames
{
    /// <summary>Deterministic frames of varied sizes, origins, symbols and streams, 1 ms apart.</summary>
    public static List<OwnedFrame> Make(int count, int seed = 1, long startNs = 1_723_161_255_000_000_000L)
    {
        var rng = new Random(seed);
        var list = new List<OwnedFrame>(count);
        for (int i = 0; i < count; i++)
        {
            var origin = i % 17 == 5 ? FrameOrigin.RestSnapshot : FrameOrigin.WebSocket;
            int pad = rng.Next(0, 120);
            string payload = $"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"t\":{i},\"p\":\"{rng.Next(1, 99999)}.01\",\"pad\":\"{new string('x', pad)}\"}}}}";
            list.Add(new OwnedFrame(startNs + i * 1_000_000L, origin, origin == FrameOrigin.RestSnapshot ? i % 3 : -1, i % 2, payload));
        }
        return list;
    }

    public static List<OwnedFrame> ReadAll(IRawFrameSource source)
    {
        var list = new List<OwnedFrame>();
        while (source.TryRead(out var f)) list.Add(OwnedFrame.From(f));
        return list;
    }

    public static string WriteSegment(string dir, IReadOnlyList<OwnedFrame> frames, JournalWriterOptions? options = null)
    {
        using (var w = new JournalWriter(options ?? new JournalWriterOptions { Directory = dir, Log = _ => { } }))
            foreach (var f in frames) w.Append(f.ToRaw());
        return JournalDirectory.ListSegments(dir)[^1];
    }

    /// <summary>File offsets where each record ends (the last is the file length), from the header end.</summary>
    public static long[] RecordEnds(string segment, IReadOnlyList<OwnedFrame> frames)
    {
        long headerEnd = new FileInfo(segment).Length - frames.Sum(f => (long)JournalFormat.RecordSize(Encoding.UTF8.GetByteCount(f.Payload)));
        var ends = new long[frames.Count];
        long at = headerEnd;
        for (int i = 0; i < frames.Count; i++) ends[i] = at += JournalFormat.RecordSize(Encoding.UTF8.GetByteCount(frames[i].Payload));
        return ends;
    }
}
