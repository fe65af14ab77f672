using System.IO;
using Microsoft.Extensions.Logging;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Watches the models folder and hands stable changes to the <see cref="ModelLifecycle"/> on its own background
/// thread (never the hot path):
/// <code>
///  FileSystemWatcher events ─┐
///                            ├─> pending (path -> size, mtime, due time) ──debounce──> size/mtime unchanged?
///  poll scan every interval ─┘                                                          │ no: wait again
///                                                   *.onnx -> lifecycle.OnModelFile     │ yes
///                                           manifest.json -> lifecycle.SyncWithManifest &lt;┘
/// </code>
/// A file written in place is read only once its size and modification time hold still for the debounce time;
/// one still incomplete after that fails validation (truncated) and is retried when it changes again. Files present
/// at <see cref="Start"/> are the baseline, not drops. Hidden files (a writer's <c>.name.tmp</c>) and sub-folders
/// (<c>archive/</c>) are ignored. The poll tick also runs <see cref="ModelLifecycle.CheckHealth"/>.
/// <para>Order of use: <c>lifecycle.LoadPromoted()</c>, then <see cref="Start"/>; on shutdown dispose the watcher
/// before the lifecycle (the watcher calls into it).</para>
/// </summary>
public sealed class ModelDirectoryWatcher : IDisposable
{
    private readonly ModelLifecycle _lifecycle;
    private readonly ILogger _logger;
    private readonly ModelWatcherOptions _options;
    private readonly string _dir;
    private readonly Dictionary<string, (long Size, DateTime Mtime)> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Size, DateTime Mtime, DateTime Due)> _pending = new(StringComparer.Ordinal);
    private readonly AutoResetEvent _wake = new(false);
    private FileSystemWatcher? _fsw;
    private Thread? _thread;
    private volatile bool _stop;
    private long _changes, _processed, _polls, _errors;

    /// <summary>Creates a watcher of <paramref name="lifecycle"/>'s folder; call <see cref="Start"/>.</summary>
    public ModelDirectoryWatcher(ModelLifecycle lifecycle, ILogger logger, ModelWatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(logger);
        _lifecycle = lifecycle;
        _logger = logger;
        _options = options ?? new ModelWatcherOptions();
        _dir = lifecycle.Registry.Directory;
    }

    /// <summary>Changes noticed (events and scans, before debouncing).</summary>
    public long ChangesSeen => Interlocked.Read(ref _changes);

    /// <summary>Stable changes handed to the lifecycle.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Folder scans done.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>Unexpected errors while handling a change (logged; the watcher keeps running).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>True when OS file events are in use (false: polling only).</summary>
    public bool UsingFileEvents => _fsw is not null;

    /// <summary>Takes the baseline, subscribes to file events (falling back to polling only if that fails) and starts the thread.</summary>
    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("the watcher is already started");
        Directory.CreateDirectory(_dir);
        foreach (var (path, sig) in Scan()) _known[path] = sig;
        if (_options.UseFileSystemWatcher) TryWatch();
        _thread = new Thread(Loop) { IsBackground = true, Name = "hft-model-watcher" };
        _thread.Start();
        _logger.LogInformation("Watching {Dir} for models ({Mode}, debounce {Debounce} ms, poll {Poll} ms, drops {Action})", _dir,
            _fsw is null ? "polling" : "file events + polling", _options.Debounce.TotalMilliseconds, _options.PollInterval.TotalMilliseconds, _lifecycle.OnDrop);
    }

    /// <summary>Stops the thread and the file events (the lifecycle and its models stay as they are).</summary>
    public void Dispose()
    {
        _stop = true;
        _wake.Set();
        _thread?.Join();
        _fsw?.Dispose();
        _wake.Dispose();
    }

    private void TryWatch()
    {
        try
        {
            var fsw = new FileSystemWatcher(_dir)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            fsw.Created += (_, e) => Notice(e.FullPath);
            fsw.Changed += (_, e) => Notice(e.FullPath);
            fsw.Deleted += (_, e) => Notice(e.FullPath);
            fsw.Renamed += (_, e) => Notice(e.FullPath);
            fsw.Error += (_, e) => _logger.LogWarning("Model folder events failed ({Reason}); polling continues", e.GetException().Message);
            fsw.EnableRaisingEvents = true;
            _fsw = fsw;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Model folder events unavailable ({Reason}); polling every {Poll} ms", e.Message, _options.PollInterval.TotalMilliseconds);
        }
    }

    private static bool Relevant(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && (name == ModelManifest.FileName || name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase));
    }

    private static (long, DateTime)? Stat(string path)
    {
        var fi = new FileInfo(path);
        return fi.Exists ? (fi.Length, fi.LastWriteTimeUtc) : null;
    }

    private IEnumerable<(string, (long, DateTime))> Scan()
    {
        foreach (var path in Directory.EnumerateFiles(_dir))
            if (Relevant(path) && Stat(path) is { } sig) yield return (path, sig);
    }

    private void Notice(string path)
    {
        if (!Relevant(path)) return;
        Interlocked.Increment(ref _changes);
        var sig = Stat(path) ?? (-1, DateTime.MinValue);
        lock (_pending) _pending[path] = (sig.Item1, sig.Item2, DateTime.UtcNow + _options.Debounce);
        _wake.Set();
    }

    private void Loop()
    {
        var nextPoll = DateTime.UtcNow + _options.PollInterval;
        while (!_stop)
        {
            _wake.WaitOne(NextWait(nextPoll));
            if (_stop) break;
            try
            {
                if (DateTime.UtcNow >= nextPoll)
                {
                    Poll();
                    _lifecycle.CheckHealth();
                    nextPoll = DateTime.UtcNow + _options.PollInterval;
                }
                ProcessDue();
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _errors);
                _logger.LogError(e, "Model watcher: unexpected error handling a change; it keeps watching");
            }
        }
    }

    private TimeSpan NextWait(DateTime nextPoll)
    {
        var wait = nextPoll - DateTime.UtcNow;
        lock (_pending)
            foreach (var p in _pending.Values)
                if (p.Due - DateTime.UtcNow < wait) wait = p.Due - DateTime.UtcNow;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private void Poll()
    {
        Interlocked.Increment(ref _polls);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, sig) in Scan())
        {
            seen.Add(path);
            if (!_known.TryGetValue(path, out var k) || k != sig)
            {
                bool queued;
                lock (_pending) queued = _pending.ContainsKey(path);
                if (!queued) Notice(path);
            }
        }
        foreach (var gone in _known.Keys.Where(p => !seen.Contains(p)).ToList()) _known.Remove(gone);
    }

    private void ProcessDue()
    {
        var now = DateTime.UtcNow;
        List<string> due = [];
        lock (_pending)
            foreach (var (path, p) in _pending)
                if (p.Due <= now) due.Add(path);
        foreach (var path in due)
        {
            var sig = Stat(path);
            lock (_pending)
            {
                var p = _pending[path];
                if (sig is { } s && (s.Item1 != p.Size || s.Item2 != p.Mtime))
                {
                    _pending[path] = (s.Item1, s.Item2, now + _options.Debounce); // still being written: wait for it to settle
                    continue;
                }
                _pending.Remove(path);
            }
            if (sig is null) { _known.Remove(path); continue; }
            if (_known.TryGetValue(path, out var k) && k == sig.Value) continue; // e.g. an event for a touch with no change
            _known[path] = sig.Value;
            Interlocked.Increment(ref _processed);
            if (Path.GetFileName(path) == ModelManifest.FileName) _lifecycle.SyncWithManifest();
            else _lifecycle.OnModelFile(path);
        }
    }
}
