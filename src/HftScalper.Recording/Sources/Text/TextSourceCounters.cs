namespace HftScalper.Recording.Sources.Text;

/// <summary>What a text recording source read and skipped. Written by the reading thread only.</summary>
public sealed class TextSourceCounters
{
    /// <summary>Lines read (headers and blank lines included).</summary>
    public long Lines { get; internal set; }

    /// <summary>Frames returned.</summary>
    public long Frames { get; internal set; }

    /// <summary>REST snapshot frames among them.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Lines skipped as malformed (no timestamp, no JSON object, bad separator).</summary>
    public long Malformed { get; internal set; }

    /// <summary>Lines skipped because they exceed the configured maximum length.</summary>
    public long TooLong { get; internal set; }

    /// <summary>Bytes of the lines skipped as malformed or too long (their '\n' included; decompressed bytes for
    /// gzip): with the bytes of returned and blank lines, every byte of the input.</summary>
    public long SkippedBytes { get; internal set; }

    /// <summary>Snapshot lines whose symbol could not be determined (returned with symbol id -1).</summary>
    public long UnresolvedSymbols { get; internal set; }

    /// <summary>Files that ended in corrupt or truncated compressed data.</summary>
    public long CorruptFiles { get; internal set; }

    /// <summary>Lines whose receive time was earlier than the previous line's: kept, their time clamped to it.</summary>
    public long LocalTimeBackwards => Order.Backwards;

    internal Integrity.ReceiveTimeOrder Order { get; } = new();

    /// <summary>Damage found in compressed files (truncated gzip streams, CRC failures, bytes skipped).</summary>
    public Integrity.InputDamage Compressed { get; } = new();

    // Lines skipped count as malformed input; files whose compressed data was damaged as corrupt files.
    internal void AddDamageTo(Integrity.InputDamage total, string description)
    {
        total.Add(Compressed);
        total.MalformedLines += Malformed + TooLong;
        total.BytesSkipped += SkippedBytes;
        total.CorruptFiles += CorruptFiles;
        if (Malformed + TooLong > 0) total.Problem($"{description}: {Malformed} malformed and {TooLong} too long lines skipped");
        Order.AddTo(total);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"lines={Lines} frames={Frames} snapshots={Snapshots} malformed={Malformed} tooLong={TooLong} skippedBytes={SkippedBytes} " +
        $"unresolvedSymbols={UnresolvedSymbols} corruptFiles={CorruptFiles} localTimeBackwards={LocalTimeBackwards}" + (Compressed.Any ? $" compressed: {Compressed}" : "");
}
