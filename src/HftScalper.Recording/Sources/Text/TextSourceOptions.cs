using HftScalper.Core.Symbols;

namespace HftScalper.Recording.Sources.Text;

/// <summary>Configuration of the text recording sources.</summary>
public sealed record TextSourceOptions
{
    /// <summary>Creates options resolving symbols through <paramref name="registry"/>.</summary>
    public TextSourceOptions(SymbolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
    }

    /// <summary>Registry snapshot symbols are resolved with (REST snapshot bodies name no symbol).</summary>
    public SymbolRegistry Registry { get; }

    /// <summary>When set, an unknown snapshot symbol is registered under this venue as the parser registers one
    /// (<c>KnownSymbols</c>: a known symbol's exchange scales, else <see cref="SymbolRegistry.DefaultDecimals"/>).</summary>
    public string? AutoRegisterVenue { get; init; }

    /// <summary>Symbol of bare snapshot lines in an hftbacktest recording; default: the single symbol seen in the
    /// stream names so far.</summary>
    public string? SnapshotSymbol { get; init; }

    /// <summary>Lines longer than this are skipped and counted (<see cref="TextSourceCounters.TooLong"/>).</summary>
    public int MaxLineBytes { get; init; } = 8 * 1024 * 1024;
}
