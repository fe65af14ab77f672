using System.Runtime.InteropServices;

namespace HftScalper.Native;

/// <summary>Identity of the loaded <c>libhftnative</c>.</summary>
public static partial class NativeLibraryInfo
{
    /// <summary>The ABI version this assembly was written against.</summary>
    public const int ExpectedAbiVersion = 1;

    /// <summary>The ABI version reported by the loaded native library.</summary>
    public static int AbiVersion() => NativeMethods.AbiVersion();

    /// <summary>Throws when the loaded library's ABI differs from <see cref="ExpectedAbiVersion"/>.</summary>
    public static void EnsureCompatible()
    {
        int v = AbiVersion();
        if (v != ExpectedAbiVersion)
            throw new InvalidOperationException($"libhftnative ABI {v} but this build expects {ExpectedAbiVersion}: rebuild native/");
    }
}
