using System.Globalization;

namespace HftScalper.Tests.Shared;

/// <summary>
/// The calling thread's minor page faults so far (Linux: <c>/proc/thread-self/stat</c>), for tests that prove a
/// structure maps its pages when it is built rather than on the hot path's first write to each page. Reading the file
/// allocates; call it outside the measured loop only.
/// </summary>
public static class PageFaults
{
    /// <summary>Whether the counter exists here (Linux); a test returns early elsewhere.</summary>
    public static bool Available => OperatingSystem.IsLinux() && File.Exists("/proc/thread-self/stat");

    /// <summary>Minor faults of the calling thread since it started.</summary>
    public static long MinorOnThisThread()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): state is field 3,
        // minflt field 10 (proc(5)).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[10 - 3], CultureInfo.InvariantCulture);
    }
}
