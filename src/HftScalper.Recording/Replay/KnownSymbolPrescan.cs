using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Finds, before a replay starts, every symbol of known exchange filters in a recording, in the order the replay
/// registers them. A trading desk is built over the symbols registered at the first event; a recording that opens
/// with one symbol and brings others later (a multi-symbol file, a second file of another symbol, an event journal
/// whose later segments add symbols) would otherwise leave every later symbol's decisions untraded. Symbols whose
/// filters are unknown (the generic 8/8 scales) are left to register as they appear, untraded: fail closed.
/// </summary>
public static class KnownSymbolPrescan
{
    /// <summary>
    /// Reads <paramref name="paths"/> once through a scratch registry, as <see cref="ReplaySourceFactory"/> replays
    /// them (damage is not reported here: the replay itself reports it), and returns their symbols of known filters in
    /// registration order: a journal header's specification as recorded, a stream name's from <c>KnownSymbols</c>.
    /// Event files other than event journals register every symbol when they open: an empty list, nothing read.
    /// </summary>
    public static IReadOnlyList<SymbolInfo> Symbols(IReadOnlyList<string> paths, string venue)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(venue);
        var scratch = new SymbolRegistry();
        bool frames = paths.All(p => ReplaySourceFactory.IsFrameFormat(ReplayFormatDetector.Detect(p)));
        bool eventJournal = paths.All(p => ReplayFormatDetector.Detect(p) == ReplayFormat.EventJournal);
        if (!frames && !eventJournal) return [];
        using (var probe = ReplaySourceFactory.Open(scratch, paths, _ => { }, venue))
        {
            if (probe.Frames is { } f) ReadFrames(f, new TextSourceOptions(scratch) { AutoRegisterVenue = venue });
            else while (probe.Events!.TryRead(out _)) { }
        }
        return [.. scratch.All.Where(s => !IsGeneric(s))];
    }

    /// <summary>Registers <paramref name="symbols"/> (from <see cref="Symbols"/>) in <paramref name="registry"/>, in order,
    /// with their full specification; a name already registered is left as it is.</summary>
    public static void Register(SymbolRegistry registry, IReadOnlyList<SymbolInfo> symbols)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(symbols);
        foreach (var s in symbols)
            if (!registry.TryGet(s.Name, out _))
                registry.TryRegister(s.Name, s.Venue, s.PriceDecimals, s.QuantityDecimals, s.TickSize, s.LotSize, s.MinNotional, s.MinQuantity);
    }

    // The parser registers a stream's symbol on its first frame; the stream name says which it is.
    private static void ReadFrames(IRawFrameSource frames, TextSourceOptions options)
    {
        while (frames.TryRead(out var frame))
            if (frame.Origin == FrameOrigin.WebSocket && SymbolResolver.StreamSymbol(frame.Payload.Span) is { IsEmpty: false } name)
                SymbolResolver.Resolve(options, name);
    }

    // What a symbol of unknown filters is registered with (SymbolRegistry.DefaultDecimals, unit tick and lot, no minimum).
    private static bool IsGeneric(SymbolInfo s) =>
        s.PriceDecimals == SymbolRegistry.DefaultDecimals && s.QuantityDecimals == SymbolRegistry.DefaultDecimals
        && s.TickSize == 1 && s.LotSize == 1 && s.MinNotional == 0 && s.MinQuantity == 0;
}
