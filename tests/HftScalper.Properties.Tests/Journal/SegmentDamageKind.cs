namespace HftScalper.Properties.Tests.Journal;

/// <summary>What a <see cref="SegmentDamage"/> does to a segment file.</summary>
internal enum SegmentDamageKind : byte
{
    /// <summary>Truncates the file (a torn write: crash, kill -9, disk full).</summary>
    Cut,

    /// <summary>Flips one bit (bit rot, a bad sector).</summary>
    FlipBit,

    /// <summary>Overwrites up to 64 bytes with other bytes.</summary>
    Overwrite,

    /// <summary>Appends bytes after the last record.</summary>
    AppendGarbage,

    /// <summary>Flips a high bit of the first record's length field (it then claims 64 KB..32 MB).</summary>
    FlipLengthBit,
}
