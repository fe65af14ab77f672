using System.Runtime.CompilerServices;
using HftScalper.Engine.Composition;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging;

namespace HftScalper.Engine.Pipeline;

// The trading session's lifecycle: built at the first event over the symbols registered then, with the symbols it does
// not trade (TradingEligibility) and why, logged once each and reported by name.
internal sealed partial class StrategyStage
{
    // Null parts = trading disabled (SymbolCount 0: every decision is counted as untraded).
    private sealed class Session(TradingDesk? desk, SignalRouter? router, int symbolCount, TouchFlow? flow, MoveCalibrator[]? calibrators = null)
    {
        public readonly MoveCalibrator[]? Calibrators = calibrators;
        public readonly sbyte[]? LastDirection = calibrators is null ? null : new sbyte[symbolCount]; // the calibrators' signal onsets
        public readonly TradingDesk Desk = desk!;
        public readonly SignalRouter Router = router!;
        public readonly int SymbolCount = symbolCount;
        public readonly TouchFlow Flow = flow!;
    }

    /// <summary>Why each symbol with decisions so far and not traded is not (by name; empty before the first event):
    /// another quote asset than the account's, a late appearance, or a run whose trading is disabled.</summary>
    public IReadOnlyDictionary<string, string> UntradedReasons()
    {
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (_traded is not { } t) return reasons;
        for (int i = 0; i < _symbols.Count; i++)
            if (t.Reason(i) is { } why && (i < t.Count || UntradedDecisions > 0)) reasons[_symbols[i].Name] = why;
        return reasons;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Untraded(int sym)
    {
        UntradedDecisions++;
        // A disabled run said why once, at its start, and so did each symbol untraded from the start.
        if (_untradedLogged || TradingDisabled is not null || (uint)sym < (uint)_traded!.Count) return;
        _untradedLogged = true;
        _logger.LogWarning("Symbol {Symbol} appeared after trading started: its decisions are not traded (counted: untradedDecisions)",
            (uint)sym < (uint)_symbols.Count ? _symbols[sym].Name : "#" + sym);
    }

    // First event: build the trading session over the symbols registered at the producer's first publication, trading
    // those TradingEligibility allows. Every part is sized over one fixed copy of them: a producer thread registering
    // meanwhile cannot size the desk, the ledger and the trackers for different symbol sets.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Session Start()
    {
        int n = _starting.Count;
        if (n == 0) throw new InvalidOperationException("no symbol is registered when the first event arrives");
        var symbols = _symbols.Prefix(n);
        var traded = TradingEligibility.Decide(symbols, _options);
        _traded = traded;
        if (traded.RunDisabled is { } off)
        {
            TradingDisabled = off;
            _logger.LogError("Trading disabled: {Reason}", TradingDisabled);
            return _s = new Session(null, null, 0, null);
        }
        for (int i = 0; i < n; i++)
            if (traded.Reason(i) is { } why) _logger.LogWarning("Symbol {Symbol} is not traded: {Reason}", _symbols[i].Name, why);
        var trips = new RoundTripTracker(symbols, _observer, SymbolAmounts.Create(symbols, traded.Traded, _options.Futures.ContractSizes));
        var deskOptions = new TradingDeskOptions
        {
            InitialEquity = _options.InitialEquity, Risk = _options.Risk, OrderCapacity = _options.OrderCapacity, OrderIds = _options.OrderIds,
            Quotes = _options.Quotes,
            Futures = _options.Futures,
            Fees = _options.Exchange.Fees,
            Traded = traded.Traded,
        };
        var desk = new TradingDesk(symbols, deskOptions, _gateway, trips, _logger, _clock, _orderFlow);
        var hysteresis = new DirectionHysteresis(n, _options.SignalCooldownNs);
        var router = new SignalRouter(new SignalGenerator(hysteresis, _options.Signals), new FallbackSignal(_schema, hysteresis, _options.Fallback),
            _logger, id => (uint)id < (uint)_symbols.Count ? _symbols[id].Name : "#" + id);
        MoveCalibrator[]? calibrators = null;
        if (_options.ExpectedMove is { } calibration)
        {
            calibrators = new MoveCalibrator[n];
            for (int i = 0; i < n; i++) calibrators[i] = new MoveCalibrator(_options.HorizonNs, calibration);
        }
        _s = new Session(desk, router, n, new TouchFlow(n, _options.TouchFlowTimeConstantNs), calibrators);
        return _s;
    }
}
