namespace HftScalper.Reporting.Fills;

/// <summary>Settings of <see cref="FillRecorder"/>: markout horizons, what is kept, ring sizes.</summary>
public sealed record FillRecorderOptions
{
    /// <summary>Markout horizons in ns of exchange time, ascending (default 1 s, 5 s, 30 s).</summary>
    public long[] MarkoutHorizonsNs { get; init; } = [1_000_000_000, 5_000_000_000, 30_000_000_000];

    /// <summary>Index into <see cref="MarkoutHorizonsNs"/> of the horizon whose mid move is the attribution's adverse
    /// selection term (default 0: 1 s).</summary>
    public int AttributionHorizon { get; init; }

    /// <summary>Fills kept for the trades file and the report's chart (totals cover all fills; default 20 000).</summary>
    public int FillCapacity { get; init; } = 20_000;

    /// <summary>Fills of one symbol waiting for their longest markout (default 8192; more are counted as dropped).</summary>
    public int PendingPerSymbol { get; init; } = 8192;

    /// <summary>Orders remembered with the probabilities of the decision that sent them (direct-mapped by id, a
    /// power of two; default 4096).</summary>
    public int OrderSlots { get; init; } = 4096;

    /// <summary>Symbol ids tracked (0 .. MaxSymbols-1; fills of others are counted and ignored; default 256).</summary>
    public int MaxSymbols { get; init; } = 256;

    /// <summary>Contract sizes in USD of COIN-M symbols by name, overriding Binance's (the run's
    /// <c>futures.contractSizes</c>): an inverse contract's amounts are coin values.</summary>
    public IReadOnlyDictionary<string, long>? ContractSizes { get; init; }
}
