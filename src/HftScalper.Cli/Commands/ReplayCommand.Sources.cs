using HftScalper.Binance.Parsing;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Trading.Execution;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

// Where replay's events come from when they are not files: the simulator (its options from the command line, its
// symbols registered as the venue would list them) and the pacing of any source to a multiple of exchange time.
internal static partial class ReplayCommand
{
    private static SimulatorOptions Simulator(Args a) =>
        SimulateCommand.WithLatentValue(SimulateCommand.WithSwitchSymbols(SimulateCommand.WithSwitch(a.SimSymbols is { } symbols
            ? SimulatorOptions.For(symbols, TimeSpan.FromMinutes(a.SimMinutes), a.Seed)
            : SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(a.SimMinutes), Seed = a.Seed }, a.SwitchAt), a.SwitchSymbols), a.LatentValue);

    private static ReplaySource OpenSimulator(SymbolRegistry registry, SimulatorOptions options, string venue, IReadOnlyDictionary<string, long>? contractSizes)
    {
        double minutes = options.Duration.TotalMinutes;
        if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
        // --market usdm: the simulated symbols trade as USD-M futures (margin, funding, futures fees); spot is the default.
        // Either way a known symbol keeps the exchange's minimum notional (in the profile's decimals), as in a replay of
        // the same market from a file: an order Binance would refuse is refused here too.
        // --market coinm: whole contracts of the size the trading side uses (InverseContracts, futures.contractSizes
        // overriding), as a COIN-M recording's depth, trades, orders and fills are.
        if (InverseContracts.IsInverseVenue(venue))
            options = options with { Symbols = [.. options.Symbols.Select(p => p.InContracts(InverseContracts.ContractSizeUsd(p.Symbol, contractSizes)))] };
        foreach (var p in options.Symbols)
            registry.Register(p.Symbol, venue, p.PriceDecimals, p.QuantityDecimals,
                minNotional: KnownSymbols.MinNotionalUnits(venue, p.Symbol, p.PriceDecimals, p.QuantityDecimals),
                quoteAsset: KnownSymbols.QuoteAsset(venue, p.Symbol));
        return new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
    }

    // The symbols a replay of recordings registers before it starts (read once, shared by the run and its baselines), with
    // a warning for each whose scales came from the recording rather than an exchange filter table.
    private static IReadOnlyList<SymbolInfo> PrescanSymbols(Args a, string venue, ILogger log)
    {
        var (inferred, coarsened) = (new HashSet<string>(), new HashSet<string>());
        var known = KnownSymbolPrescan.Symbols(a.Files, venue, inferred, coarsened);
        foreach (var s in known)
            if (coarsened.Contains(s.Name))
                log.LogWarning("{Symbol}: quantities at {Quantity} decimals, the finest the recording uses (the exchange's 8 at a {Price}-decimal tick are too fine "
                    + "for 64-bit account totals); tick and minimum notional are the exchange's", s.Name, s.QuantityDecimals, s.PriceDecimals);
            else if (inferred.Contains(s.Name))
                log.LogWarning("{Symbol}: exchange filters unknown; price and quantity scales taken from the recording ({Price} and {Quantity} decimals, the finest its "
                    + "messages use); minimum notional unknown (none applied)", s.Name, s.PriceDecimals, s.QuantityDecimals);
        return known;
    }

    // Recordings: the symbols of known filters they name are registered first, in the order they appear, so the
    // trading desk (built at the first event) trades every one of them, not only those met before it.
    private static ReplaySource OpenFiles(SymbolRegistry registry, Args a, IReadOnlyList<SymbolInfo> known, string venue, ILogger log)
    {
        KnownSymbolPrescan.Register(registry, known);
        return ReplaySourceFactory.Open(registry, a.Files, m => log.LogWarning("{Message}", m), venue);
    }

    private static ReplaySource Pace(ReplaySource source, double speed) =>
        source.Frames is { } f
            ? new ReplaySource(source.Format, new PacedFrameSource(f, speed))
            : new ReplaySource(source.Format, new PacedEventSource(source.Events!, speed));
}
