using System.Runtime.InteropServices;

namespace HftScalper.Engine.Composition;

/// <summary>
/// CPU time and run-queue wait of a run's threads over its steady state, from Linux
/// <c>/proc/self/task/&lt;tid&gt;/schedstat</c> (ns on a CPU, ns runnable but waiting for one): which thread is the
/// critical path, and how much a loaded machine delayed each. Each thread registers itself; <see cref="MarkWarm"/>
/// (any thread) reads every registered thread once warm-up ends, <see cref="MarkEnd"/> reads one at its end (a stage
/// thread on its way out, the producer when its feed ends). Reads go through open/read/close into a stack buffer: no
/// allocation, so the marks may fall inside the steady state's GC window. Elsewhere than Linux (or without schedstat)
/// the figures are empty.
/// </summary>
internal sealed partial class ThreadClocks
{
    private const int MaxThreads = 16;
    private readonly object _gate = new();
    private readonly string[] _names = new string[MaxThreads];
    private readonly byte[][] _paths = new byte[MaxThreads][];
    private readonly long[] _cpuWarm = new long[MaxThreads], _waitWarm = new long[MaxThreads], _slicesWarm = new long[MaxThreads];
    private readonly long[] _cpuEnd = new long[MaxThreads], _waitEnd = new long[MaxThreads], _slicesEnd = new long[MaxThreads];
    private readonly bool[] _warm = new bool[MaxThreads], _ended = new bool[MaxThreads];
    private int _count;

    /// <summary>Registers the calling thread as <paramref name="name"/> (once per thread; ignored when unsupported or full).</summary>
    public void RegisterCurrent(string name)
    {
        if (!OperatingSystem.IsLinux()) return;
        int tid;
        try { tid = GetTid(); }
        catch (EntryPointNotFoundException) { return; }
        byte[] path = System.Text.Encoding.ASCII.GetBytes($"/proc/self/task/{tid}/schedstat\0");
        lock (_gate)
        {
            int i = IndexOf(name);
            if (i >= 0)
            {
                _paths[i] ??= path; // a declared slot takes its thread; a second registration is ignored
                return;
            }
            if (_count == MaxThreads) return;
            _names[_count] = name;
            _paths[_count] = path;
            _count++;
        }
    }

    /// <summary>Reserves slots for threads that register later, in this order: threads start (and register) in any
    /// order, and <see cref="Figures"/> lists them in the pipeline's order, not in the order they happened to start.</summary>
    public void Declare(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (_gate)
        {
            foreach (var name in names)
                if (_count < MaxThreads && IndexOf(name) < 0) _names[_count++] = name;
        }
    }

    /// <summary>Reads every registered thread: the start of the steady state.</summary>
    public void MarkWarm()
    {
        lock (_gate)
        {
            for (int i = 0; i < _count; i++)
                _warm[i] = _paths[i] is { } path && Read(path, out _cpuWarm[i], out _waitWarm[i], out _slicesWarm[i]);
        }
    }

    /// <summary>Reads thread <paramref name="name"/> (call it on that thread, or while it still runs): its end.</summary>
    public void MarkEnd(string name)
    {
        lock (_gate)
        {
            int i = IndexOf(name);
            if (i >= 0 && _paths[i] is { } path) _ended[i] = Read(path, out _cpuEnd[i], out _waitEnd[i], out _slicesEnd[i]);
        }
    }

    /// <summary>Steady-state figures of each thread read at both marks, in declaration order, then registration order.</summary>
    public IReadOnlyList<ThreadTimeFigures> Figures()
    {
        var list = new List<ThreadTimeFigures>();
        lock (_gate)
        {
            for (int i = 0; i < _count; i++)
                if (_warm[i] && _ended[i])
                    list.Add(new ThreadTimeFigures(_names[i], (_cpuEnd[i] - _cpuWarm[i]) / 1e9, (_waitEnd[i] - _waitWarm[i]) / 1e9, _slicesEnd[i] - _slicesWarm[i]));
        }
        return list;
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _count; i++)
            if (_names[i] == name) return i;
        return -1;
    }

    // "<cpu ns> <run-queue ns> <timeslices>\n"
    private static unsafe bool Read(byte[] path, out long cpuNs, out long waitNs, out long slices)
    {
        cpuNs = waitNs = slices = 0;
        byte* buffer = stackalloc byte[96];
        int n;
        fixed (byte* p = path)
        {
            int fd = Open(p, 0);
            if (fd < 0) return false;
            n = (int)ReadFd(fd, buffer, 95);
            Close(fd);
        }
        if (n <= 0) return false;
        int at = 0;
        return Number(buffer, n, ref at, out cpuNs) && Number(buffer, n, ref at, out waitNs) && Number(buffer, n, ref at, out slices);
    }

    private static unsafe bool Number(byte* s, int n, ref int at, out long value)
    {
        value = 0;
        while (at < n && s[at] == (byte)' ') at++;
        int start = at;
        while (at < n && s[at] >= (byte)'0' && s[at] <= (byte)'9') value = value * 10 + (s[at++] - '0');
        return at > start;
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "open")]
    private static unsafe partial int Open(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "read")]
    private static unsafe partial nint ReadFd(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}

/// <summary>One thread's steady state: seconds on a CPU, seconds runnable but waiting for one (a loaded machine), and
/// how many times it was scheduled (each wake-up from a blocking wait is one).</summary>
public sealed record ThreadTimeFigures(string Name, double CpuSeconds, double RunQueueSeconds, long Timeslices)
{
    /// <summary>Ring batches the thread's stage handled over the whole run (null for the producer and inline): the run's
    /// events / batches is its mean batch.</summary>
    public long? RingBatches { get; init; }
}
