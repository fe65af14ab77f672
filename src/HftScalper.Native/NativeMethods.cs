using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Native;

/// <summary>Source-generated P/Invoke declarations for libhftnative (C ABI in native/include/hft/hft_native.h).</summary>
internal static partial class NativeMethods
{
    internal const string Library = "hftnative";

    [LibraryImport(Library, EntryPoint = "hft_native_abi_version")]
    [SuppressGCTransition]
    internal static partial int AbiVersion();
}
