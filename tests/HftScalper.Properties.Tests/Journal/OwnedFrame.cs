using System.IO.Hashing;
using HftScalper.Core.Frames;

namespace HftScalper.Properties.Tests.Journal;

/// <summary>A frame copied out of a source (sources lend their payload only until the next read).</summary>
internal sealed record OwnedFrame(long LocalTimeNs, FrameOrigin Origin, int SymbolId, int StreamId, byte[] Payload)
{
    public static OwnedFrame From(in RawFrame f) => new(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload.ToArray());

    /// <summary>The index the generator wrote in the first 4 payload bytes.</summary>
    public int Index => BitConverter.ToInt32(Payload, 0);

    public bool Same(OwnedFrame o) =>
        (LocalTimeNs, Origin, SymbolId, StreamId) == (o.LocalTimeNs, o.Origin, o.SymbolId, o.StreamId) && Payload.AsSpan().SequenceEqual(o.Payload);

    public static List<OwnedFrame> ReadAll(IRawFrameSource source)
    {
        var list = new List<OwnedFrame>();
        while (source.TryRead(out var f)) list.Add(From(f));
        return list;
    }

    /// <summary>XxHash3 over every field of every frame, in order.</summary>
    public static ulong Digest(IEnumerable<OwnedFrame> frames)
    {
        var h = new XxHash3();
        foreach (var f in frames)
        {
            h.Append(BitConverter.GetBytes(f.LocalTimeNs));
            h.Append([(byte)f.Origin]);
            h.Append(BitConverter.GetBytes(f.SymbolId));
            h.Append(BitConverter.GetBytes(f.StreamId));
            h.Append(BitConverter.GetBytes(f.Payload.Length));
            h.Append(f.Payload);
        }
        return h.GetCurrentHashAsUInt64();
    }
}
