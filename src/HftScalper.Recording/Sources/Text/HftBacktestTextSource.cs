using System.Buffers.Text;
using System.Text;
using HftScalper.Core.Frames;
using HftScalper.Recording.Events.Csv;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Sources.Text;

/// <summary>
/// Reads the hftbacktest collector's text format: one <c>&lt;local_ts_ns&gt; &lt;json&gt;</c> per line, plain or
/// gzip, several files in order forming one stream. A REST depth snapshot line (<c>{"lastUpdateId":..</c>) becomes a
/// <see cref="FrameOrigin.RestSnapshot"/> frame: for the symbol it names (<c>{"lastUpdateId":N,"symbol":"BTCUSDT",..}</c>,
/// as <c>hft simulate --symbols a,b</c> and COIN-M's REST write it), else for <see cref="TextSourceOptions.SnapshotSymbol"/>,
/// or for the single symbol its file's stream names show (from the file's first lines); in a file of several symbols a
/// bare snapshot line is unresolved.
/// </summary>
/// <remarks>Malformed lines are counted in <see cref="Counters"/> and skipped. Frames borrow the line buffer:
/// valid until the next <see cref="TryRead"/>. No allocation per line in steady state.</remarks>
public sealed class HftBacktestTextSource : IRawFrameSource, IInputDamageSource
{
    private readonly TextSourceOptions _options;
    private readonly string[] _paths;
    private int _next;
    private LineReader? _reader;
    private readonly byte[] _streamSymbol = new byte[32];
    private int _streamSymbolLength;
    private bool _severalSymbols;
    private int _snapshotSymbolId = -1;
    private long _fileLineBase; // Counters.Lines when the current file was opened

    /// <summary>Opens <paramref name="paths"/> (read lazily, in order).</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public HftBacktestTextSource(IReadOnlyList<string> paths, TextSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        if (paths.Count == 0) throw new ArgumentException("no recording file given", nameof(paths));
        foreach (var p in paths)
            if (!File.Exists(p)) throw new FileNotFoundException($"recording not found: {p}", p);
        _paths = [.. paths];
        _options = options;
        if (options.SnapshotSymbol is { } sym)
            _snapshotSymbolId = SymbolResolver.Resolve(options, Encoding.ASCII.GetBytes(sym));
    }

    /// <inheritdoc />
    public string Description => $"hftbacktest text: {string.Join(", ", _paths.Select(Path.GetFileName))}";

    /// <summary>Lines read and skipped.</summary>
    public TextSourceCounters Counters { get; } = new();

    /// <inheritdoc />
    public bool TryRead(out RawFrame frame)
    {
        while (true)
        {
            if (_reader is null)
            {
                if (_next == _paths.Length) break;
                StartFile(_paths[_next]);
                _fileLineBase = Counters.Lines;
                _reader = new LineReader(_paths[_next++], _options.MaxLineBytes, Counters.Compressed);
            }
            var status = _reader.Read(out var line);
            if (status == LineStatus.End)
            {
                if (_reader.Corrupt) Counters.CorruptFiles++;
                _reader.Dispose();
                _reader = null;
                continue;
            }
            Counters.Lines++;
            if (status == LineStatus.TooLong) { Counters.TooLong++; Counters.SkippedBytes += _reader.LastLineBytes; continue; }
            if (line.IsEmpty) continue;
            if (TryFrame(line, out frame)) return true;
            Counters.Malformed++;
            Counters.SkippedBytes += _reader.LastLineBytes;
        }
        frame = default;
        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
        _next = _paths.Length;
    }

    private bool TryFrame(ReadOnlyMemory<byte> line, out RawFrame frame)
    {
        frame = default;
        var s = line.Span;
        int space = s.IndexOf((byte)' ');
        if (space <= 0 || !Utf8Parser.TryParse(s[..space], out long ts, out int used) || used != space || ts < 0) return false;
        // The receive time in ns (hftbacktest's Rust collector); its Python collector (collect-binancefutures) wrote
        // microseconds. Told apart by size, as Binance's CSV times are: read as ns, an epoch in us is January 1970, and a
        // spot bookTicker (timed by its receive time: it has no E) sat 54 years before the depth around it, so a
        // 3-minute recording spanned 19,924 days and its Sharpe was annualised from "daily" returns, exit 0. Values that
        // are no epoch time at all (hand-written test lines) are kept as they are.
        if (TimeConvert.TryEpochToNs(ts, out long ns)) ts = ns;
        int start = space + 1;
        while (start < s.Length && s[start] == (byte)' ') start++;
        if (start >= s.Length || s[start] != (byte)'{') return false;
        var json = line[start..];
        if (json.Span.StartsWith("{\"lastUpdateId\""u8))
        {
            Counters.Frames++;
            Counters.Snapshots++;
            // A snapshot that names its own symbol (COIN-M's REST shape; our simulator's files of several symbols) is
            // resolved by that name in the parser, whatever the file's streams suggest: given the file's symbol instead,
            // a second symbol's snapshot that came before its first stream line went to the first symbol's book (a quiet
            // SLOWUSDT beside BTCUSDT: BTCUSDT's book became SLOWUSDT's levels and stayed there, exit 0, no gap). Only a
            // nameless one we cannot place is unresolved.
            bool named = json.Span.IndexOf("\"symbol\""u8) >= 0; // the key, whatever the spacing (Python json.dumps writes ": ")
            int symbolId = named ? -1 : SnapshotSymbolId();
            if (symbolId < 0 && !named) Counters.UnresolvedSymbols++;
            frame = new RawFrame(ts, FrameOrigin.RestSnapshot, symbolId, 0, json);
            return true;
        }
        NoteStreamSymbol(json.Span);
        // Stream lines only, one stream across files: a REST snapshot is another channel, stamped when its response came,
        // and a recorder may write it first (before stream lines received earlier), as cryptofeed keeps it in its own file.
        ts = Counters.Order.Clamp(ts, _reader!.Path, Counters.Lines - _fileLineBase);
        Counters.Frames++;
        frame = new RawFrame(ts, FrameOrigin.WebSocket, -1, 0, json);
        return true;
    }

    // A bare snapshot line belongs to its own file's symbol: each file starts its inference afresh, seeded with the
    // stream names among its first lines (a file may open with its snapshot). Carried over, file 2's snapshot of
    // another symbol went to file 1's symbol's book, or (once both names were seen) to none. The peek reads all its
    // lines rather than stopping at the first name: a file of several symbols is known as such from its start, so a
    // bare snapshot before the second symbol's first line is unresolved (counted, fail closed), not given to the first.
    private void StartFile(string path)
    {
        _streamSymbolLength = 0;
        _severalSymbols = false;
        using var peek = new LineReader(path, _options.MaxLineBytes, new InputDamage()); // damage is counted by the read itself
        for (int i = 0; i < PeekLines; i++)
        {
            var status = peek.Read(out var line);
            if (status == LineStatus.End) return;
            if (status != LineStatus.Line) continue;
            var s = line.Span;
            int json = s.IndexOf((byte)' ') + 1;
            if (json <= 0) continue;
            NoteStreamSymbol(s[json..]);
            if (_severalSymbols) return;
        }
    }

    private const int PeekLines = 1000;

    private void NoteStreamSymbol(ReadOnlySpan<byte> json)
    {
        if (_severalSymbols) return;
        var sym = SymbolResolver.StreamSymbol(json);
        if (sym.IsEmpty || sym.Length > _streamSymbol.Length) return;
        if (_streamSymbolLength == 0)
        {
            sym.CopyTo(_streamSymbol);
            _streamSymbolLength = sym.Length;
        }
        else if (!sym.SequenceEqual(_streamSymbol.AsSpan(0, _streamSymbolLength)))
        {
            _severalSymbols = true;
        }
    }

    private int SnapshotSymbolId()
    {
        if (_options.SnapshotSymbol is not null) return _snapshotSymbolId;
        if (_severalSymbols || _streamSymbolLength == 0) return -1;
        return SymbolResolver.Resolve(_options, _streamSymbol.AsSpan(0, _streamSymbolLength));
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => Counters.AddDamageTo(total, Description);
}
