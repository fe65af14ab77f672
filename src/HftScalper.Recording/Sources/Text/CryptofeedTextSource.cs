using HftScalper.Core.Frames;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Sources.Text;

/// <summary>
/// Reads cryptofeed's sample recordings: REST snapshots (<c>*.http.*</c>: <c>&lt;URL&gt; -&gt; &lt;unix_s&gt;: &lt;JSON&gt;</c>,
/// symbol from the URL's <c>symbol=</c>) and the WebSocket stream (<c>*.ws.*</c>: a <c>&lt;url&gt; &lt;-&gt; &lt;ts&gt;</c>
/// header, then <c>&lt;unix_s&gt;: &lt;JSON&gt;</c>), merged in time order (a snapshot first on equal times).
/// </summary>
/// <remarks>Malformed lines are counted and skipped. Frames borrow line buffers: valid until the next read.
/// Stream ids: 0 for the WebSocket file, 1 for the snapshot file.</remarks>
public sealed class CryptofeedTextSource : IRawFrameSource, IInputDamageSource
{
    private readonly TextSourceOptions _options;
    private readonly Side _ws;
    private readonly Side _http;

    /// <summary>Opens the snapshot file(s) and stream file(s); either list may be empty but not both.</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public CryptofeedTextSource(IReadOnlyList<string> httpPaths, IReadOnlyList<string> wsPaths, TextSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpPaths);
        ArgumentNullException.ThrowIfNull(wsPaths);
        ArgumentNullException.ThrowIfNull(options);
        if (httpPaths.Count + wsPaths.Count == 0) throw new ArgumentException("no recording file given");
        foreach (var p in httpPaths.Concat(wsPaths))
            if (!File.Exists(p)) throw new FileNotFoundException($"recording not found: {p}", p);
        _options = options;
        _http = new Side([.. httpPaths], snapshot: true);
        _ws = new Side([.. wsPaths], snapshot: false);
        Description = $"cryptofeed text: {string.Join(", ", httpPaths.Concat(wsPaths).Select(Path.GetFileName))}";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Lines read and skipped (both files).</summary>
    public TextSourceCounters Counters { get; } = new();

    /// <inheritdoc />
    public bool TryRead(out RawFrame frame)
    {
        bool haveHttp = _http.Peek(this);
        bool haveWs = _ws.Peek(this);
        if (!haveHttp && !haveWs)
        {
            frame = default;
            return false;
        }
        var side = !haveWs || (haveHttp && _http.Pending.LocalTimeNs <= _ws.Pending.LocalTimeNs) ? _http : _ws;
        frame = side.Pending;
        side.HasPending = false;
        // The merge is in time order only if each file is: a line stamped before its predecessor is kept at its time.
        long ns = Counters.Order.Clamp(frame.LocalTimeNs, side.Path, side.Line);
        if (ns != frame.LocalTimeNs) frame = new RawFrame(ns, frame.Origin, frame.SymbolId, frame.StreamId, frame.Payload);
        Counters.Frames++;
        if (side == _http) Counters.Snapshots++;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _ws.Dispose();
    }

    private bool TryParseLine(ReadOnlyMemory<byte> line, bool snapshot, out RawFrame frame)
    {
        frame = default;
        var s = line.Span;
        int symbolId = -1;
        int tsStart = 0;
        if (snapshot)
        {
            int arrow = s.IndexOf(" -> "u8);
            if (arrow <= 0) return false;
            var url = s[..arrow];
            int q = url.IndexOf("symbol="u8);
            if (q < 0) return false;
            var sym = url[(q + 7)..];
            int amp = sym.IndexOf((byte)'&');
            if (amp >= 0) sym = sym[..amp];
            symbolId = SymbolResolver.Resolve(_options, sym);
            if (symbolId < 0) Counters.UnresolvedSymbols++;
            tsStart = arrow + 4;
        }
        int colon = s[tsStart..].IndexOf(": "u8);
        if (colon <= 0) return false;
        if (!UnixSeconds.TryParseToNs(s.Slice(tsStart, colon), out long ns)) return false;
        int jsonStart = tsStart + colon + 2;
        if (jsonStart >= s.Length || s[jsonStart] != (byte)'{') return false;
        frame = new RawFrame(ns, snapshot ? FrameOrigin.RestSnapshot : FrameOrigin.WebSocket, symbolId,
            snapshot ? 1 : 0, line[jsonStart..]);
        return true;
    }

    /// <summary>One of the two inputs: its files in order and the next frame read from them.</summary>
    private sealed class Side(string[] paths, bool snapshot) : IDisposable
    {
        private int _next;
        private LineReader? _reader;
        private bool _firstLine;

        public RawFrame Pending;
        public bool HasPending;

        /// <summary>The file and line (1-based) <see cref="Pending"/> came from.</summary>
        public string Path => _reader?.Path ?? "";
        public long Line { get; private set; }

        public bool Peek(CryptofeedTextSource owner)
        {
            while (!HasPending)
            {
                if (_reader is null)
                {
                    if (_next == paths.Length) return false;
                    _reader = new LineReader(paths[_next++], owner._options.MaxLineBytes, owner.Counters.Compressed);
                    _firstLine = true;
                    Line = 0;
                }
                var status = _reader.Read(out var line);
                if (status == LineStatus.End)
                {
                    if (_reader.Corrupt) owner.Counters.CorruptFiles++;
                    _reader.Dispose();
                    _reader = null;
                    continue;
                }
                owner.Counters.Lines++;
                Line++;
                bool header = _firstLine && !snapshot && line.Span.IndexOf(" <-> "u8) >= 0;
                _firstLine = false;
                if (status == LineStatus.TooLong) { owner.Counters.TooLong++; owner.Counters.SkippedBytes += _reader.LastLineBytes; continue; }
                if (header || line.IsEmpty) continue;
                if (owner.TryParseLine(line, snapshot, out Pending)) HasPending = true;
                else
                {
                    owner.Counters.Malformed++;
                    owner.Counters.SkippedBytes += _reader.LastLineBytes;
                }
            }
            return true;
        }

        public void Dispose()
        {
            _reader?.Dispose();
            _reader = null;
            _next = paths.Length;
        }
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => Counters.AddDamageTo(total, Description);
}
