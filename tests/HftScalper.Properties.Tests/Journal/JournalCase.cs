using CsCheck;
using HftScalper.Core.Frames;

namespace HftScalper.Properties.Tests.Journal;

/// <summary>Generated frames for a journal (payload, origin, symbol, stream, time step), how it rolls, and damage.</summary>
internal sealed record JournalCase(JournalCase.Frame[] Frames, bool SmallSegments, SegmentDamage[] Damage)
{
    internal sealed record Frame(byte[] Payload, FrameOrigin Origin, int Symbol, int Stream, long StepNs)
    {
        public override string ToString() => $"{Origin}/{Symbol}/{Stream}+{StepNs}:{Payload.Length}B";
    }

    public static readonly Gen<JournalCase> Gen =
        from frames in CsCheck.Gen.Select(CsCheck.Gen.Byte.Array[0, 300], CsCheck.Gen.OneOf(FrameOrigin.WebSocket, FrameOrigin.RestSnapshot),
                CsCheck.Gen.Int[-1, 3], CsCheck.Gen.Int[0, 3], CsCheck.Gen.Long[0, 2_000_000_000L],
                (p, o, s, st, dt) => new Frame(p, o, s, st, dt)).Array[1, 60]
        from small in CsCheck.Gen.Bool
        from damage in SegmentDamage.Gen.Array[0, 3]
        select new JournalCase(frames, small, damage);

    /// <summary>The frames as written: 1 ms.. apart from a fixed start, each payload prefixed with its index.</summary>
    public IEnumerable<RawFrame> ToRaw()
    {
        long t = 1_723_161_255_000_000_000L;
        for (int i = 0; i < Frames.Length; i++)
        {
            var f = Frames[i];
            t += f.StepNs;
            yield return new RawFrame(t, f.Origin, f.Symbol, f.Stream, (byte[])[.. BitConverter.GetBytes(i), .. f.Payload]);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Frames.Length} frames [{string.Join(", ", Frames.Take(8))}{(Frames.Length > 8 ? ", ..." : "")}], " +
        $"small segments: {SmallSegments}, damage: [{string.Join(", ", Damage)}]";
}
