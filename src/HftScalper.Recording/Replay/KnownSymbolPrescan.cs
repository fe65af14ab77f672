using HftScalper.Binance.Parsing;
using System.Text;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Registers, before a replay starts, every symbol of known exchange filters that a frame recording's streams name,
/// in the order they first appear. A trading desk is built over the symbols registered at the first event; a
/// recording that opens with one symbol and brings others later (a multi-symbol file, a second file of another
/// symbol) would otherwise leave every later symbol's decisions untraded. Symbols without known filters are left to
/// register as they appear (they are not traded: fail closed). One extra pass over the input.
/// </summary>
public static class KnownSymbolPrescan
{
    /// <summary>
    /// Reads <paramref name="paths"/> once (in the order <see cref="ReplaySourceFactory"/> replays them; damage is not
    /// reported here, the replay itself reports it) and lists the stream symbols with known filters on
    /// <paramref name="venue"/>, in the order they first appear. Event formats register their symbols when they open:
    /// an empty list.
    /// </summary>
    public static IReadOnlyList<string> KnownNames(IReadOnlyList<string> paths, string venue)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(venue);
        using var probe = ReplaySourceFactory.Open(new SymbolRegistry(), paths, _ => { }, autoRegisterVenue: null);
        var names = new List<string>();
        if (probe.Frames is not { } frames) return names;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (frames.TryRead(out var frame))
        {
            if (frame.Origin != FrameOrigin.WebSocket) continue;
            var name = SymbolResolver.StreamSymbol(frame.Payload.Span);
            if (name.IsEmpty || name.Length > 32) continue;
            string s = Encoding.ASCII.GetString(name);
            if (seen.Add(s) && KnownSymbols.TryGet(venue, s, out _)) names.Add(s);
        }
        return names;
    }

    /// <summary>Registers <paramref name="names"/> (from <see cref="KnownNames"/>) in <paramref name="symbols"/>, in
    /// order, the parser's one way (<see cref="KnownSymbols.TryRegister"/>).</summary>
    public static void Register(SymbolRegistry symbols, IReadOnlyList<string> names, string venue)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var n in names) KnownSymbols.TryRegister(symbols, venue, n);
    }
}
