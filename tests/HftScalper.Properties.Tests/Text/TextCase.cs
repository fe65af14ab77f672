using System.IO.Compression;
using System.Text;
using CsCheck;
using HftScalper.Properties.Tests.Parsing;

namespace HftScalper.Properties.Tests.Text;

/// <summary>A generated hftbacktest recording: messages as <c>&lt;ts_ns&gt; &lt;json&gt;</c> lines (REST snapshots
/// bare), line damage, whether the last line ends with '\n', and gzip damage (a cut or a flipped bit).</summary>
internal sealed record TextCase(MessageSpec[] Messages, LineDamage[] Damage, bool FinalNewline, bool Gzip, int GzipCut, int GzipFlip)
{
    public static readonly Gen<TextCase> Gen =
        from messages in MessageGen.Valid.Array[1, 40]
        from damage in LineDamage.Gen.Array[0, 6]
        from finalNewline in CsCheck.Gen.Frequency((4, CsCheck.Gen.Const(true)), (1, CsCheck.Gen.Const(false)))
        from gzip in CsCheck.Gen.Bool
        from cut in CsCheck.Gen.Frequency((3, CsCheck.Gen.Const(-1)), (1, CsCheck.Gen.Int[0, int.MaxValue]))
        from flip in CsCheck.Gen.Frequency((3, CsCheck.Gen.Const(-1)), (1, CsCheck.Gen.Int[0, int.MaxValue]))
        select new TextCase(messages, damage, finalNewline, gzip, cut, flip);

    /// <summary>The recording's text (before compression).</summary>
    public byte[] Text()
    {
        var lines = new List<byte[]>();
        long ts = 1_723_161_255_000_000_000L;
        foreach (var m in Messages)
        {
            ts += 1_000_003;
            var json = (m with { Wrapped = m.Kind != MessageKind.Snapshot }).Render();
            lines.Add([.. Encoding.ASCII.GetBytes($"{ts} "), .. json]);
        }
        foreach (var d in Damage) d.Apply(lines);
        var text = new List<byte>();
        for (int i = 0; i < lines.Count; i++)
        {
            text.AddRange(lines[i]);
            if (i < lines.Count - 1 || FinalNewline) text.Add((byte)'\n');
        }
        return [.. text];
    }

    /// <summary>The file's bytes: the text, or its gzip with the cut and flip applied.</summary>
    public byte[] FileBytes(out bool gzipDamaged)
    {
        gzipDamaged = false;
        var text = Text();
        if (!Gzip) return text;
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(text);
        var bytes = ms.ToArray();
        // Bytes 4..9 of the gzip header (time, flags, OS) change nothing decoded; a change anywhere else is damage.
        if (GzipFlip >= 0)
        {
            int at = 10 + (GzipFlip % (bytes.Length - 10));
            bytes[at] ^= (byte)(1 << (GzipFlip & 7));
            gzipDamaged = true;
        }
        if (GzipCut >= 0)
        {
            bytes = bytes[..(GzipCut % bytes.Length)];
            gzipDamaged = true;
        }
        return bytes;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Messages.Length} messages, damage [{string.Join(", ", Damage)}], final newline {FinalNewline}, gzip {Gzip} cut {GzipCut} flip {GzipFlip}\n" +
        Encoding.UTF8.GetString(Text());
}
