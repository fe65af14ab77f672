using System.Runtime.CompilerServices;

namespace HftScalper.Native;

/// <summary>Identity of the loaded <c>libhftnative</c>.</summary>
public static partial class NativeLibraryInfo
{
    /// <summary>The ABI version this assembly was written against (<c>HFT_ABI_VERSION</c> in hft_native.h).</summary>
    public const int ExpectedAbiVersion = 3;

    /// <summary>The ABI version reported by the loaded native library.</summary>
    public static int AbiVersion() => NativeMethods.AbiVersion();

    /// <summary>Throws when the loaded library's ABI version or any shared struct size differs from this build.</summary>
    public static void EnsureCompatible()
    {
        int v = AbiVersion();
        if (v != ExpectedAbiVersion)
            throw new InvalidOperationException($"libhftnative ABI {v} but this build expects {ExpectedAbiVersion}: rebuild native/");
        CheckSize(1, Unsafe.SizeOf<BookLevel>(), nameof(BookLevel));
        CheckSize(2, Unsafe.SizeOf<TopOfBook>(), nameof(TopOfBook));
        CheckSize(3, Unsafe.SizeOf<Core.Events.MarketEvent>(), nameof(Core.Events.MarketEvent));
        CheckSize(4, Unsafe.SizeOf<ApplyEventsResult>(), nameof(ApplyEventsResult));
        CheckSize(5, Unsafe.SizeOf<BookFigureParameters>(), nameof(BookFigureParameters));
        CheckSize(6, Unsafe.SizeOf<BookFigures>(), nameof(BookFigures));
        CheckSize(7, Unsafe.SizeOf<BookStats>(), nameof(BookStats));
    }

    private static void CheckSize(int structId, int managedSize, string name)
    {
        int nativeSize = NativeMethods.AbiSizeOf(structId);
        if (nativeSize != managedSize)
            throw new InvalidOperationException($"libhftnative {name} is {nativeSize} bytes but the C# mirror is {managedSize}: rebuild native/");
    }
}
