using System.Runtime.InteropServices;

namespace HftScalper.Recording.Live;

/// <summary>
/// One ring slot of the live recorder: the frame's metadata. The payload bytes live in a side array indexed by
/// the slot (a ring of unmanaged structs cannot hold a reference), owned by the producer between claim and publish.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RecordedFrameSlot
{
    public long LocalTimeNs;
    public int SymbolId;
    public int StreamId;
    public int Length;
    public byte Origin;
}
