using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Regime;
using HftScalper.Features.Schema;
using HftScalper.Native;

namespace HftScalper.Features.Engine;

/// <summary>
/// The one feature implementation used live, in backtests and to build training sets: fed every market event in
/// ring order (after the book applied it), it keeps per-symbol state and, on decision events, writes a fixed-length
/// <see cref="float"/> row described by <see cref="Schema"/>.
/// </summary>
/// <remarks>
/// <code>
///  event --> per-symbol clock (max exchange time) --> microstructure (L1, depth figures, trade flow)
///                                                  \-> decayed sums stepped in exchange time (every input event)
///                                                  \-> opt-in cross-symbol grids (this symbol's and the leader's mids closed per interval)
///        --> decision? (triggers, sampling clock) --> row = blocks written from state, non-finite -> 0 (counted)
/// </code>
/// <para>State advances on every event whether or not it is a decision, so the rows are a function of the event
/// history only: sampling every 1 s or on every trade gives the same value at the same event. The native
/// <see cref="NativeOrderBook.ComputeFigures"/> (the costly call) runs once per depth message of a synced book;
/// top-of-book events and trades use their own fields. Deterministic (same events, same bits); allocation-free
/// after each symbol's first event; single-threaded.</para>
/// <para>Validity: a value that is not defined yet is written as its documented neutral value (0 unless the schema
/// says otherwise), and the flags <c>book_valid</c>, <c>trade_valid</c> say whether the book and trade columns are
/// live. No row ever holds NaN or infinity.</para>
/// </remarks>
public sealed class FeatureEngine
{
    private readonly FeatureEngineOptions _o;
    private readonly BookLevel[] _bidLevels, _askLevels;
    private readonly BookFigureParameters _figureParams;
    private readonly long _clockInterval;
    private readonly bool _onDepth, _onTop, _onTrade, _onClock;
    private SymbolFeatureState?[] _states = new SymbolFeatureState?[4];
    private IRegimeObserver? _observer;
    private readonly CrossSymbolBlock? _xs;

    /// <summary>Creates an engine for the symbols of <paramref name="symbols"/>. Every column is scale-free (schema v2), so no
    /// symbol's tick or lot size is read: a symbol's state is created when its first event arrives.</summary>
    public FeatureEngine(SymbolRegistry symbols, FeatureEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(symbols); // every column is scale-free: no tick or lot size is read (the cross-symbol block reads the leader's name)
        _o = options ?? FeatureEngineOptions.Default;
        _o.Validate();
        Schema = FeatureSchemaFactory.Build(_o);
        Width = Schema.Count;
        _bidLevels = new BookLevel[_o.ImpactMaxLevels];
        _askLevels = new BookLevel[_o.ImpactMaxLevels];
        _figureParams = new BookFigureParameters(0, _o.SlopeLevels); // impacts and slopes are walked here, scale-free
        _clockInterval = _o.ClockIntervalNs;
        _onDepth = (_o.Triggers & DecisionTriggers.EndOfDepthMessage) != 0;
        _onTop = (_o.Triggers & DecisionTriggers.TopOfBookChange) != 0;
        _onTrade = (_o.Triggers & DecisionTriggers.Trade) != 0;
        _onClock = (_o.Triggers & DecisionTriggers.Clock) != 0;
        _xs = _o.CrossSymbol is { } cross ? new CrossSymbolBlock(cross, symbols) : null;
    }

    /// <summary>The schema of the default options: ordered names and units, version, hash.</summary>
    public static FeatureSchema DefaultSchema { get; } = FeatureSchemaFactory.Build(FeatureEngineOptions.Default);

    /// <summary>
    /// The schema an engine computes for a model: <paramref name="engineSchema"/> (the built-in columns it runs with) plus
    /// the cross-symbol block when the model declares one (<paramref name="modelBlock"/>); an engine schema that already
    /// carries a block is returned as is (it must then match exactly). Model loaders check a model's hash against this.
    /// </summary>
    public static FeatureSchema SchemaFor(FeatureSchema engineSchema, CrossSymbolOptions? modelBlock)
    {
        ArgumentNullException.ThrowIfNull(engineSchema);
        return modelBlock is null || engineSchema.Extension is not null ? engineSchema : FeatureSchemaFactory.Extend(engineSchema, modelBlock);
    }

    /// <summary>The schema of this engine's rows.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Floats per row (= <see cref="FeatureSchema.Count"/>).</summary>
    public int Width { get; }

    /// <summary>The options in use.</summary>
    public FeatureEngineOptions Options => _o;

    /// <summary>Non-finite values replaced by 0 in written rows (should stay 0; a non-zero count is a bug to report).</summary>
    public long NonFiniteReplaced { get; private set; }

    /// <summary>Cross-symbol block: rows written with neutral values because the leader was missing, had no live quote or
    /// was warming up (0 when the block is off).</summary>
    public long CrossSymbolNeutralRows => _xs?.NeutralRows ?? 0;

    /// <summary>Cross-symbol block: rows of the leader itself (neutral by definition; 0 when the block is off).</summary>
    public long CrossSymbolLeaderRows => _xs?.LeaderRows ?? 0;

    /// <summary>Cross-symbol block: rows written with the leader's values (0 when the block is off).</summary>
    public long CrossSymbolLiveRows => _xs?.LiveRows ?? 0;

    /// <summary>Decision rows written.</summary>
    public long Decisions { get; private set; }

    /// <summary>The periodic or costly work the last <see cref="OnEvent"/> did (a latency diagnostic; never changes a row).</summary>
    public FeatureWork LastWork { get; private set; }

    /// <summary>
    /// Sees the regime block's inputs as the engine computes them: every 1-second mid log return folded into the
    /// GARCH recursion and every event counted for the activity rate, per symbol. Training's fitting pass uses it so
    /// GARCH and the seasonality baseline are fitted on exactly the series the online recursion runs on. Null (the
    /// default) costs one null check per second and per event.
    /// </summary>
    public IRegimeObserver? RegimeObserver
    {
        get => _observer;
        set
        {
            _observer = value;
            foreach (var s in _states)
                if (s is not null) s.Regime.Observer = value;
        }
    }

    /// <summary>
    /// Folds one market event (in ring order, after the book applied it). <paramref name="book"/> is the symbol's
    /// book when it is synced, else null (book columns then read neutral with <c>book_valid</c> 0). Returns true on a
    /// decision event, with exactly <see cref="Width"/> floats written into <paramref name="row"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="row"/> is shorter than <see cref="Width"/>.</exception>
    public bool OnEvent(in MarketEvent e, NativeOrderBook? book, Span<float> row)
    {
        if (row.Length < Width) ThrowRowTooShort();
        LastWork = FeatureWork.None;
        int id = e.SymbolId;
        if (e.Kind == MarketEventKind.Status) { OnStatus(id); return false; }
        if (e.Kind == MarketEventKind.MarkPrice) return false; // margin's input, not the book's: no feature, no clock
        if ((uint)id >= (uint)_states.Length || _states[id] is null)
        {
            if (id < 0) return false;
            AddSymbol(id);
        }
        var s = _states[id]!;
        var micro = s.Micro;
        long t = e.ExchangeTimeNs != 0 ? e.ExchangeTimeNs : s.ClockNs != 0 ? s.ClockNs : e.LocalTimeNs;
        if (t > s.ClockNs) s.ClockNs = t;
        long now = s.ClockNs;
        _xs?.BeforeEvent(s.Cross!, now); // intervals that ended close on the mids before this event

        bool isBook = e.Kind is MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel;
        if (isBook)
        {
            if (book is null) micro.InvalidateBook();
            if (!e.IsLastInMessage) return false; // mid-message levels: the book is not consistent yet
        }
        else if (e.Kind is not (MarketEventKind.TopOfBook or MarketEventKind.Trade or MarketEventKind.Clock))
        {
            return false;
        }

        // Seconds closed before this event use the mid before it (regime returns are sampled at boundaries).
        var work = s.Regime.OnTime(now, micro.Mid);
        bool decision = false, quoteChanged = false;
        switch (e.Kind)
        {
            case MarketEventKind.BookDelta:
            case MarketEventKind.SnapshotLevel:
                if (book is not null) work |= FeatureWork.DepthFigures;
                quoteChanged = book is not null && micro.OnDepthMessage(book, in _figureParams, _bidLevels, _askLevels, now);
                decision = _onDepth || (_onTop && quoteChanged);
                break;
            case MarketEventKind.TopOfBook:
                quoteChanged = micro.OnTicker(e.Price, e.Quantity, e.AskPrice, e.AskQuantity, now);
                decision = _onTop && quoteChanged;
                break;
            case MarketEventKind.Trade:
                micro.OnTrade(in e, now);
                if (s.Tech.OnTrade(e.Price, e.Quantity, micro.Mid, now)) work |= FeatureWork.BarClosed;
                decision = _onTrade;
                break;
        }
        if (quoteChanged && s.Tech.OnMid(micro.Mid, now)) work |= FeatureWork.BarClosed;
        if (_xs is not null) CrossSymbolBlock.AfterEvent(s.Cross!, e.Kind, book is not null, micro.HasQuote);
        LastWork = work;
        if (e.Kind != MarketEventKind.Clock) s.Regime.OnInputEvent(now);
        micro.Step(now);
        s.Tech.Step(now);
        s.Regime.Step(now);
        if (_onClock && now >= s.NextClockNs)
        {
            decision = true;
            s.NextClockNs = (now / _clockInterval + 1) * _clockInterval;
        }
        if (!decision) return false;
        WriteRow(s, book is not null, now, row);
        return true;
    }

    /// <summary>Latest best bid and ask of a symbol in price units; false before its first valid quote.</summary>
    public bool TryGetQuote(int symbolId, out long bid, out long ask)
    {
        var s = (uint)symbolId < (uint)_states.Length ? _states[symbolId] : null;
        if (s is null || !s.Micro.HasQuote) { bid = ask = 0; return false; }
        bid = s.Micro.Bid;
        ask = s.Micro.Ask;
        return true;
    }

    /// <summary>A symbol's exchange clock (largest exchange time seen for it), ns; 0 before its first event.</summary>
    public long GetClock(int symbolId) =>
        (uint)symbolId < (uint)_states.Length && _states[symbolId] is { } s ? s.ClockNs : 0;

    private void WriteRow(SymbolFeatureState s, bool bookPresent, long now, Span<float> row)
    {
        row = row[..Width];
        s.Micro.Write(row, bookPresent, now);
        s.Tech.Write(row[FeatureSchemaFactory.TechBase..], s.Micro.Mid);
        s.Regime.Write(row[FeatureSchemaFactory.RegimeBase..], in s.Tech.Snapshot(0), now);
        _xs?.Write(row[FeatureSchemaFactory.Width..], s.Cross!, now);
        Sanitize(row);
        Decisions++;
    }

    // Every value is guarded where it is computed; this pass is the net that keeps NaN out of a model whatever
    // happens upstream (a zero price from a bad source, an overflowing sum).
    // The row is checked a vector at a time first (every value is finite in practice); only a row holding a non-finite
    // value takes the loop that replaces and counts, so the result is the loop's either way.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Sanitize(Span<float> row)
    {
        if (FiniteRow.All(row)) return;
        for (int i = 0; i < row.Length; i++)
        {
            if (float.IsFinite(row[i])) continue;
            row[i] = 0;
            NonFiniteReplaced++;
        }
    }

    private void OnStatus(int symbolId)
    {
        if (symbolId >= 0)
        {
            if (symbolId < _states.Length && _states[symbolId] is { } one)
            {
                one.Micro.InvalidateBook();
                CrossSymbolBlock.OnStatus(one.Cross);
            }
            return;
        }
        foreach (var st in _states)
        {
            st?.Micro.InvalidateBook();
            CrossSymbolBlock.OnStatus(st?.Cross);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSymbol(int id)
    {
        if (id >= _states.Length) Array.Resize(ref _states, Math.Max(id + 1, _states.Length * 2));
        var state = new SymbolFeatureState(_o);
        state.Regime.SymbolId = id;
        state.Regime.Observer = _observer;
        if (_xs is not null) state.Cross = _xs.AddSymbol(id, state.Micro);
        _states[id] = state;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowRowTooShort() => throw new ArgumentException($"the row must hold {Width} floats", "row");
}
