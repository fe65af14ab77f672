using HftScalper.Core.Symbols;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Registers a segment header's symbols in a replay's registry and maps the ids the records use (the recording
/// registry's) to the replay registry's ids. Shared by both journal readers.
/// </summary>
internal static class HeaderSymbols
{
    /// <summary>Registers every header symbol; <paramref name="remap"/> is null when every id is unchanged, else
    /// header id -> registry id. False (with the reason) when a symbol's scales conflict with the registry.</summary>
    public static bool TryMap(JournalHeader header, SymbolRegistry registry, out int[]? remap, out string? problem)
    {
        remap = null;
        problem = null;
        try
        {
            foreach (var s in header.Symbols)
            {
                int id = registry.Register(s.Name, s.Venue, s.PriceDecimals, s.QuantityDecimals).Id;
                if (id == s.Id || s.Id < 0) continue;
                remap ??= Identity(header.Symbols.Max(x => x.Id) + 1);
                remap[s.Id] = id;
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

    private static int[] Identity(int n)
    {
        var a = new int[n];
        for (int i = 0; i < a.Length; i++) a[i] = i;
        return a;
    }
}
