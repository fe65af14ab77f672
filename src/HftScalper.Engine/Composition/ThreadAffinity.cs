using System.Runtime.InteropServices;

namespace HftScalper.Engine.Composition;

/// <summary>
/// Pins the calling thread to one CPU core (Linux <c>sched_setaffinity</c>), so a pipeline stage keeps its caches
/// and is not migrated by the scheduler. A failure is reported, never thrown: an unpinned stage still works.
/// </summary>
internal static partial class ThreadAffinity
{
    /// <summary>Pins the calling thread to <paramref name="core"/>; returns false with a reason when it cannot.</summary>
    public static bool TryPinCurrentThread(int core, out string? error)
    {
        if (!OperatingSystem.IsLinux())
        {
            error = "thread pinning is implemented for Linux only";
            return false;
        }
        if (core < 0 || core >= Environment.ProcessorCount)
        {
            error = $"core {core} is outside 0..{Environment.ProcessorCount - 1}";
            return false;
        }
        // A 1024-bit cpu_set_t, as glibc defines it.
        Span<ulong> mask = stackalloc ulong[16];
        mask.Clear();
        mask[core / 64] = 1UL << (core % 64);
        int rc = SchedSetAffinity(0, (nint)(mask.Length * sizeof(ulong)), ref MemoryMarshal.GetReference(mask));
        if (rc != 0)
        {
            error = $"sched_setaffinity failed (errno {Marshal.GetLastPInvokeError()})";
            return false;
        }
        error = null;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint cpuSetSize, ref ulong mask);
}
