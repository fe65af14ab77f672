using System.Runtime.InteropServices;

namespace HftScalper.Disruptor;

/// <summary>
/// A 64-bit value alone on its cache line: 64 bytes of padding before it and 56 after, 128 bytes in all.
/// </summary>
/// <remarks>
/// Why: producer and consumer sequences are written by different cores many million times a second. If two of them
/// (or one of them and any other hot field) shared a 64-byte line, every write would invalidate the other core's
/// copy ("false sharing"). 128 bytes rather than 64 also defeats the adjacent-line prefetcher that pulls lines in
/// pairs on modern x86. Explicit layout + <see cref="FieldOffsetAttribute"/> is used because the CLR may reorder
/// fields of auto-layout types; <c>PaddingLayoutTests</c> asserts this layout so nobody breaks it by accident.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    /// <summary>The padded value (offset 64 of 128).</summary>
    [FieldOffset(64)]
    public long Value;
}
