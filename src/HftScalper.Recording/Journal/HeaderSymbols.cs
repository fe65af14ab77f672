using HftScalper.Binance.Parsing;
using HftScalper.Core.Symbols;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Registers a segment header's symbols, with their full specification, in a replay's registry and maps the ids the
/// records use (the recording registry's) to the replay registry's ids. Shared by both journal readers.
/// </summary>
internal static class HeaderSymbols
{
    /// <summary>Registers every header symbol; <paramref name="remap"/> is null when every id is unchanged, else
    /// header id -> registry id. False (with the reason) when a symbol's scales conflict with the registry.
    /// <paramref name="note"/> says when the registry already held a symbol with another specification (it keeps its own).</summary>
    public static bool TryMap(JournalHeader header, SymbolRegistry registry, out int[]? remap, out string? problem, out string? note)
    {
        remap = null;
        problem = note = null;
        try
        {
            foreach (var listed in header.Symbols)
            {
                var s = header.HeaderVersion < 2 ? CompleteVersion1(listed) : listed;
                // The header states no quote asset: a Binance venue's symbol has the one its name or the table says.
                var info = registry.Register(s.Name, s.Venue, s.PriceDecimals, s.QuantityDecimals, s.TickSize, s.LotSize, s.MinNotional, s.MinQuantity,
                    Binance.Parsing.KnownSymbols.QuoteAsset(s.Venue, s.Name));
                if (!s.SameSpecAs(info)) note ??= $"{info.Name} is already registered as {JournalSymbol.From(info) with { Id = s.Id }}, the header says {s}";
                if (info.Id == s.Id || s.Id < 0) continue;
                remap ??= Identity(header.Symbols.Max(x => x.Id) + 1);
                remap[s.Id] = info.Id;
            }
            return true;
        }
        catch (ArgumentException ex)
        {
            remap = null;
            problem = ex.Message;
            return false;
        }
    }

    // A version 1 header listed names and decimals only. Its journals were written from registries that the replay
    // parser had filled (KnownSymbols), so a known symbol with the same decimals gets the rest of that specification,
    // as a replay of the original recording would have registered it.
    private static JournalSymbol CompleteVersion1(JournalSymbol s) =>
        KnownSymbols.TryGet(s.Venue, s.Name, out var k) && k.PriceDecimals == s.PriceDecimals && k.QuantityDecimals == s.QuantityDecimals
            ? s with { MinNotional = k.MinNotionalUnits }
            : s;

    private static int[] Identity(int n)
    {
        var a = new int[n];
        for (int i = 0; i < a.Length; i++) a[i] = i;
        return a;
    }
}
