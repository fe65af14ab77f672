using System.Globalization;
using System.Runtime.InteropServices;

namespace HftScalper.Training.Adaptation;

/// <summary>
/// Lowers the CPU priority of the calling thread on Linux by raising its nice value (<c>setpriority(PRIO_PROCESS,
/// gettid(), n)</c>: on Linux a thread is a schedulable task with its own nice value). Raising niceness needs no
/// privilege, unlike <see cref="Thread.Priority"/>, which the .NET runtime does not apply on Linux. Under CFS a nice-19
/// thread weighs 15 against 1,024 for a nice-0 one, so where it shares a core with the pipeline it gets ~1.5 % of it.
/// A failure is reported, never thrown: the thread then runs at the priority it had.
/// </summary>
internal static partial class ThreadNiceness
{
    /// <summary>The largest nice value Linux accepts (the lowest priority).</summary>
    public const int Lowest = 19;

    /// <summary>
    /// Sets the calling thread's nice value to <paramref name="nice"/> (0..19). Returns the value read back from the
    /// kernel, or null with a reason in <paramref name="error"/> (not Linux, or the call failed).
    /// </summary>
    public static int? TrySetCurrentThread(int nice, out string? error)
    {
        if (!OperatingSystem.IsLinux())
        {
            error = "thread niceness is implemented for Linux only";
            return null;
        }
        if (nice is < 0 or > Lowest)
        {
            error = $"nice {nice} is outside 0..{Lowest} (lowering niceness needs a privilege)";
            return null;
        }
        int tid;
        try { tid = GetTid(); }
        catch (EntryPointNotFoundException)
        {
            error = "gettid is not in this libc (glibc 2.30 or later has it)";
            return null;
        }
        if (SetPriority(PrioProcess, tid, nice) != 0)
        {
            error = $"setpriority(PRIO_PROCESS, {tid}, {nice}) failed (errno {Marshal.GetLastPInvokeError()})";
            return null;
        }
        error = null;
        return ReadNice(tid) ?? nice;
    }

    /// <summary>The calling thread's kernel id (what <c>/proc/self/task/</c> lists); -1 off Linux.</summary>
    public static int CurrentThreadId()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        try { return GetTid(); }
        catch (EntryPointNotFoundException) { return -1; }
    }

    /// <summary>Nice value of thread <paramref name="tid"/> of this process, read from <c>/proc/self/task/TID/stat</c>
    /// (field 19); null when unreadable.</summary>
    public static int? ReadNice(int tid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
            // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
            int close = stat.LastIndexOf(')');
            if (close < 0) return null;
            string[] rest = stat[(close + 2)..].Split(' ');
            // rest[0] is field 3 (state), so field 19 (nice) is rest[16].
            return rest.Length > 16 && int.TryParse(rest[16], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private const int PrioProcess = 0;

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int prio);
}
