using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Opens recordings of any supported format as one replay source, detecting the format from content
/// (<see cref="ReplayFormatDetector"/>). Several files must be of one family: frame files (journal, raw lines,
/// cryptofeed) are read one after another; event files are merged by time (Lean days and pairs, LOBSTER pairs,
/// Binance CSVs).
/// </summary>
public static class ReplaySourceFactory
{
    /// <summary>Opens <paramref name="paths"/> (files or journal folders).</summary>
    /// <param name="symbols">Registry the sources register their symbols in.</param>
    /// <param name="paths">Recordings, in replay order for frame formats.</param>
    /// <param name="log">Where damage reports go (default: stderr).</param>
    /// <param name="autoRegisterVenue">Venue under which text recordings register symbols they meet (REST snapshots
    /// name none); null requires them registered.</param>
    /// <exception cref="InvalidDataException">A file's format is not recognised.</exception>
    /// <exception cref="NotSupportedException">Frame and event formats are mixed.</exception>
    public static ReplaySource Open(SymbolRegistry symbols, IReadOnlyList<string> paths, Action<string>? log = null,
        string? autoRegisterVenue = "binance-spot")
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("no recording given", nameof(paths));
        var formats = paths.Select(p => (Path: p, Format: ReplayFormatDetector.Detect(p))).ToList();
        foreach (var (p, f) in formats)
            if (f == ReplayFormat.Unknown) throw new InvalidDataException(ReplayFormatDetector.Refusal(p) is { } why ? $"{p}: {why}" : $"{p}: not a recording format hft knows (journal, event journal, raw lines, cryptofeed, Binance CSV, Lean ticks, LOBSTER)");

        bool anyFrames = formats.Any(f => IsFrameFormat(f.Format));
        if (anyFrames && formats.Any(f => !IsFrameFormat(f.Format)))
            throw new NotSupportedException("cannot mix raw-frame recordings with event files (event journal, CSV, Lean, LOBSTER) in one replay");

        if (anyFrames)
        {
            var ordered = InTimeOrder(formats, log);
            return new ReplaySource(SingleFormat(formats), OpenFrames(ordered, symbols, log, autoRegisterVenue)) { Reordered = ordered != formats };
        }
        var events = InTimeOrder(formats, log);
        var source = OpenEvents(events, symbols, log, autoRegisterVenue);
        return events == formats ? source : new ReplaySource(source.Format, source.Events!) { Reordered = true };
    }

    /// <summary>Opens <paramref name="paths"/>; see <see cref="Open(SymbolRegistry, IReadOnlyList{string}, Action{string}?, string?)"/>.</summary>
    public static ReplaySource Open(SymbolRegistry symbols, params string[] paths) => Open(symbols, (IReadOnlyList<string>)paths);

    /// <summary>True for formats that hold raw exchange frames (parsed on replay).</summary>
    public static bool IsFrameFormat(ReplayFormat format) =>
        format is ReplayFormat.Journal or ReplayFormat.RawLines or ReplayFormat.Cryptofeed;

    // Consecutive files of one family open as one source (cryptofeed's http and ws files are merged by time),
    // and the families follow each other in the order given.
    private static IRawFrameSource OpenFrames(List<(string Path, ReplayFormat Format)> formats, SymbolRegistry symbols,
        Action<string>? log, string? autoRegisterVenue)
    {
        var sources = new List<IRawFrameSource>();
        try
        {
            for (int i = 0; i < formats.Count;)
            {
                bool journal = formats[i].Format == ReplayFormat.Journal;
                int j = i;
                while (j < formats.Count && (formats[j].Format == ReplayFormat.Journal) == journal) j++;
                var group = formats.GetRange(i, j - i).Select(f => f.Path).ToList();
                sources.Add(journal
                    ? new JournalReader(group, log, registry: symbols)
                    : TextRecording.Open(group, new TextSourceOptions(symbols) { AutoRegisterVenue = autoRegisterVenue }));
                i = j;
            }
        }
        catch
        {
            foreach (var s in sources) s.Dispose();
            throw;
        }
        return sources.Count == 1 ? sources[0] : new ConcatFrameSource(sources);
    }

    // Frame files and event journal segments are read one after another, so they must follow each other in time: files
    // given out of order (a later day first) are sorted by their first timestamp, and the log says so. A file whose
    // first timestamp cannot be read, or an event file merged by time anyway (CSV, Lean, LOBSTER), leaves the order.
    private static List<(string Path, ReplayFormat Format)> InTimeOrder(List<(string Path, ReplayFormat Format)> formats, Action<string>? log)
    {
        if (formats.Count < 2) return formats;
        var first = new long[formats.Count];
        for (int i = 0; i < formats.Count; i++)
        {
            long? t = FirstTimestamp(formats[i].Path, formats[i].Format);
            if (t is null) return formats;
            first[i] = t.Value;
        }
        bool ordered = true;
        for (int i = 1; i < first.Length; i++) ordered &= first[i] >= first[i - 1];
        if (ordered) return formats;
        var sorted = formats.Select((f, i) => (f, t: first[i])).OrderBy(x => x.t).Select(x => x.f).ToList(); // stable
        (log ?? Console.Error.WriteLine)($"recordings given out of time order: replaying them sorted by first timestamp: {string.Join(", ", sorted.Select(f => Path.GetFileName(f.Path.TrimEnd('/'))))}");
        return sorted;
    }

    // Local receive time of a file's first frame or event (its damage is counted when it is read for real), or null.
    private static long? FirstTimestamp(string path, ReplayFormat format)
    {
        if (format == ReplayFormat.EventJournal)
        {
            using var events = new EventJournalReader([path], new SymbolRegistry(), _ => { });
            return events.TryRead(out var ev) ? (ev.LocalTimeNs != 0 ? ev.LocalTimeNs : ev.ExchangeTimeNs) : null;
        }
        if (!IsFrameFormat(format)) return null;
        using IRawFrameSource probe = format == ReplayFormat.Journal
            ? new JournalReader([path], _ => { })
            : TextRecording.Open([path], new TextSourceOptions(new SymbolRegistry()));
        return probe.TryRead(out var frame) ? frame.LocalTimeNs : null;
    }

    private static ReplayFormat SingleFormat(List<(string Path, ReplayFormat Format)> formats) =>
        formats.Select(f => f.Format).Distinct().Count() == 1 ? formats[0].Format : ReplayFormat.Unknown;

    private static ReplaySource OpenEvents(List<(string Path, ReplayFormat Format)> formats, SymbolRegistry symbols, Action<string>? log, string? venue)
    {
        var sources = new List<ICountedEventSource>();
        try
        {
            // Event journal segments and folders form one stream in the order given (as frame journals do).
            var eventJournal = formats.Where(f => f.Format == ReplayFormat.EventJournal).Select(f => f.Path).ToList();
            if (eventJournal.Count > 0) sources.Add(new EventJournalReader(eventJournal, symbols, log));
            var lean = formats.Where(f => f.Format == ReplayFormat.LeanTicks).Select(f => f.Path).ToList();
            if (lean.Count > 0) sources.Add(new LeanTickSource(lean, symbols));
            var messages = formats.Where(f => f.Format == ReplayFormat.LobsterMessages).Select(f => f.Path).ToList();
            foreach (var m in messages) sources.Add(new LobsterSource(m, symbols));
            foreach (var ob in formats.Where(f => f.Format == ReplayFormat.LobsterOrderbook).Select(f => f.Path))
            {
                if (!messages.Any(m => LobsterSource.OrderbookPathFor(m) == ob))
                    throw new InvalidDataException($"{ob}: a LOBSTER orderbook file needs its _message_ file");
            }
            foreach (var (p, _) in formats.Where(f => f.Format == ReplayFormat.BinanceCsv)) sources.Add(new BinanceCsvSource(p, symbols, venue: venue));
        }
        catch
        {
            foreach (var s in sources) s.Dispose();
            throw;
        }
        var format = formats.Select(f => f.Format).Where(f => f != ReplayFormat.LobsterOrderbook).Distinct().Count() == 1
            ? formats[0].Format == ReplayFormat.LobsterOrderbook ? ReplayFormat.LobsterMessages : formats[0].Format
            : ReplayFormat.Unknown;
        return new ReplaySource(format, sources.Count == 1 ? sources[0] : new MergedEventSource(sources));
    }
}
