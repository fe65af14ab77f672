using HftScalper.Core.Symbols;

namespace HftScalper.Reporting;

/// <summary>What the report shows beside the recorders' figures: the run's settings, the symbols (names and scales
/// for prices), the program version and when the report was written. Every part is optional.</summary>
public sealed record ReportContext
{
    /// <summary>The run's settings as (name, value) pairs, in display order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>The asset every amount of the run is in (USDT, or a COIN-M account's coin); null = "quote currency".</summary>
    public string? AccountAsset { get; init; }

    /// <summary>The run's symbols (names, price and quantity scales); null = ids and raw ticks.</summary>
    public SymbolRegistry? Symbols { get; init; }

    /// <summary>Program version (default: the informational version of the reporting assembly).</summary>
    public string Version { get; init; } = DefaultVersion();

    /// <summary>When the report was written (default: now, UTC).</summary>
    public DateTimeOffset Written { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Most round trips listed in the trade table (the table says when it is capped).</summary>
    public int MaxTradeRows { get; init; } = 200;

    /// <summary>The adaptation loop's timeline (<c>--adapt</c>; null: no such section).</summary>
    public AdaptationTimeline? Adaptation { get; init; }

    private static string DefaultVersion()
    {
        var asm = typeof(ReportContext).Assembly;
        var info = (System.Reflection.AssemblyInformationalVersionAttribute?)Attribute.GetCustomAttribute(asm,
            typeof(System.Reflection.AssemblyInformationalVersionAttribute));
        return info?.InformationalVersion ?? asm.GetName().Version?.ToString() ?? "unknown";
    }
}
