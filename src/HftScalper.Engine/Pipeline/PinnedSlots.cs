using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Allocates the pipeline's pinned side arrays with their pages already mapped. A fresh large array's pages are
/// the operating system's zero pages until first written: without this, the first lap of a ring pays a page fault
/// each time a decision crosses into a new 4 KiB page, inside the run and on the decision path (the default
/// 16,384-slot decision ring spans thousands of pages; a short replay spends most of its decisions on the first lap).
/// </summary>
internal static class PinnedSlots
{
    // The smallest page size we run on; touching every 4 KiB also maps every page of a larger size.
    private const int PageBytes = 4096;

    /// <summary>A pinned, zeroed array of <paramref name="length"/> elements whose pages are mapped (written once, at
    /// allocation, with the zero they already hold).</summary>
    public static T[] Allocate<T>(int length) where T : unmanaged
    {
        var array = GC.AllocateArray<T>(length, pinned: true);
        Touch(MemoryMarshal.AsBytes(array.AsSpan()));
        return array;
    }

    /// <summary>Writes a zero into every page of <paramref name="bytes"/> (all zero: the contents do not change).</summary>
    internal static void Touch(Span<byte> bytes)
    {
        ref byte first = ref MemoryMarshal.GetReference(bytes);
        // Volatile: the JIT must not drop a store of the value the memory already holds.
        for (int i = 0; i < bytes.Length; i += PageBytes) Volatile.Write(ref Unsafe.Add(ref first, i), (byte)0);
        if (bytes.Length > 0) Volatile.Write(ref Unsafe.Add(ref first, bytes.Length - 1), (byte)0);
    }
}
