namespace HftScalper.Core.Feeds;

/// <summary>
/// How far a run has read its input, for progress displays: the bytes of the recordings read so far against their
/// total size, or the simulated time generated against the simulator's duration. A verb sets <see cref="Current"/>
/// before it opens its sources; readers register each file they open (<see cref="TrackFile"/>) and the simulator
/// registers itself (<see cref="TrackGenerated"/>). Nothing is read or written per event: a display samples
/// <see cref="Fraction"/> from its own thread, which reads the readers' offsets (a long read, no lock on their side).
/// </summary>
/// <remarks>
/// A file may be opened more than once (format detection, a first-timestamp probe, then the real read): the furthest
/// offset reached per path counts, so probes do not inflate the figure. Files read again in a second pass (training
/// fits the feature profile, then builds the dataset) start over after <see cref="NewPass"/>.
/// </remarks>
public sealed class InputProgress
{
    private static readonly AsyncLocal<InputProgress?> CurrentMeter = new();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _reached = new(StringComparer.Ordinal);
    private readonly List<(string Path, Func<long> Offset)> _open = [];
    private Func<double>? _generated;

    /// <summary>A meter for input of <paramref name="totalBytes"/> bytes (0: only generated input, or unknown).</summary>
    public InputProgress(long totalBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalBytes);
        TotalBytes = totalBytes;
    }

    /// <summary>The meter of the run on this logical call context (flows into threads and tasks it starts); null when
    /// nobody watches.</summary>
    public static InputProgress? Current
    {
        get => CurrentMeter.Value;
        set => CurrentMeter.Value = value;
    }

    /// <summary>Total size of the input files.</summary>
    public long TotalBytes { get; }

    /// <summary>A meter sized for <paramref name="paths"/> (files, or folders summed over the files inside them).</summary>
    public static InputProgress ForPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        long total = 0;
        foreach (var p in paths)
        {
            if (File.Exists(p)) total += new FileInfo(p).Length;
            else if (Directory.Exists(p))
                foreach (var f in new DirectoryInfo(p).EnumerateFiles("*", SearchOption.AllDirectories)) total += f.Length;
        }
        return new InputProgress(total);
    }

    /// <summary>Registers a file a reader opened; <paramref name="offset"/> returns how far it has read (called from
    /// the display's thread; it may throw once the file is closed).</summary>
    public void TrackFile(string path, Func<long> offset)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(offset);
        string key = Path.GetFullPath(path);
        lock (_gate) _open.Add((key, offset));
    }

    /// <summary>Registers generated input (the simulator): <paramref name="fraction"/> returns the share generated, 0 to 1.</summary>
    public void TrackGenerated(Func<double> fraction)
    {
        ArgumentNullException.ThrowIfNull(fraction);
        lock (_gate) _generated = fraction;
    }

    /// <summary>Starts over: the input is about to be read again from the start.</summary>
    public void NewPass()
    {
        lock (_gate)
        {
            _reached.Clear();
            _open.Clear();
            _generated = null;
        }
    }

    /// <summary>The share of the input read, 0 to 1; null when unknown (no total, nothing registered).</summary>
    public double? Fraction
    {
        get
        {
            lock (_gate)
            {
                if (_generated is { } g) return Math.Clamp(Safe(g), 0, 1);
                if (TotalBytes <= 0) return null;
                for (int i = _open.Count - 1; i >= 0; i--)
                {
                    var (path, offset) = _open[i];
                    long at;
                    try
                    {
                        at = offset();
                    }
                    catch (ObjectDisposedException)
                    {
                        _open.RemoveAt(i); // closed: its furthest offset seen stays in _reached
                        continue;
                    }
                    if (at > _reached.GetValueOrDefault(path)) _reached[path] = at;
                }
                long read = 0;
                foreach (var v in _reached.Values) read += v;
                return Math.Clamp((double)read / TotalBytes, 0, 1);
            }
        }
    }

    private static double Safe(Func<double> g)
    {
        double v = g();
        return double.IsFinite(v) ? v : 0;
    }
}
