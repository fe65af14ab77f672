using System.Runtime.InteropServices;

namespace HftScalper.Native;

/// <summary>Owns one native <c>hft_book*</c>: destroyed exactly once, even if the owner is never disposed.</summary>
internal sealed class BookHandle : SafeHandle
{
    public BookHandle(nint book) : base(0, ownsHandle: true) => SetHandle(book);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMethods.BookDestroy(handle);
        return true;
    }
}
