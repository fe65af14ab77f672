using System.Runtime.CompilerServices;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;

namespace HftScalper.Trading.Margin;

/// <summary>
/// The futures margin view of a <see cref="PositionLedger"/>: per-symbol leverage and mark price, unrealised PnL at the
/// mark, initial margin (notional / leverage, open orders included), maintenance margin from the bracket table,
/// wallet, margin and available balance, liquidation price per position (<see cref="LiquidationPrice"/>), and funding
/// charged into the ledger at the funding times the event clock crosses. The traded symbols of a USD-M venue
/// (<see cref="IsUsdM"/>) and COIN-M inverse contracts are margined; the others are ignored here. Notionals are the
/// ledger's (<see cref="SymbolAmounts"/>): quote amounts for USD-M, coin amounts (contracts x size / price) for COIN-M,
/// whose account is the coin and whose brackets are <see cref="FuturesOptions.CoinBrackets"/>. All amounts are account
/// units of the ledger; prices ticks. Single-threaded (the strategy stage); nothing allocates after construction.
/// </summary>
/// <remarks>
/// Balances (Binance, one-way mode): wallet = initial + realised - fees + funding; margin balance = wallet +
/// unrealised PnL at the mark; available = margin balance - initial margin of positions and open orders, where a
/// symbol's margined size is max(|position + open buys|, |position - open sells|) at the mark and the leverage is the
/// configured one capped by the position's bracket. The mark is the exchange's mark price when one was given
/// (<see cref="OnMarkPrice"/>, a <c>markPriceUpdate</c>) and is not older than <see cref="FuturesOptions.MarkPriceMaxAgeMs"/>,
/// else the mid of the latest decision's book (<see cref="MarkSource"/>); it falls back to the ledger's close-out mark.
/// </remarks>
public sealed partial class MarginAccount
{
    private readonly PositionLedger _ledger;
    private readonly SymbolAmounts _amounts;
    private readonly OrderTracker _orders;
    private readonly MaintenanceBrackets _brackets;
    private readonly bool[] _margined;
    private readonly int[] _leverage;
    private readonly long[] _scale;
    private readonly long[] _mark;
    private readonly bool[] _venueMark; // per symbol: marked by the exchange's mark price (markPriceUpdate), not the mid
    private readonly long[] _venueMarkAtNs; // per symbol: run-clock time of that mark (long.MinValue: never stale)
    private readonly long _markMaxAgeNs;
    private readonly long _entryDistance;
    private readonly long _reduceDistance;
    private long _maxInitialMargin;
    private long _minDistance = long.MaxValue;

    /// <summary>A margin account over <paramref name="ledger"/> (positions) and <paramref name="orders"/> (open orders)
    /// for the symbols the ledger tracks.</summary>
    public MarginAccount(SymbolRegistry symbols, FuturesOptions options, PositionLedger ledger, OrderTracker orders)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(orders);
        options.Validate();
        Options = options;
        _ledger = ledger;
        _amounts = ledger.Amounts;
        _orders = orders;
        _schedule = new FundingSchedule(options.Funding);
        int n = Math.Min(ledger.SymbolCount, orders.MaxSymbols);
        _margined = new bool[n];
        _leverage = new int[n];
        _scale = new long[n];
        _mark = new long[n];
        _venueMark = new bool[n];
        _venueMarkAtNs = new long[n];
        _streamNextNs = new long[n];
        _streamRate = new long[n];
        _streamChargedNs = new long[n];
        _markMaxAgeNs = options.MarkPriceMaxAgeMs * 1_000_000;
        bool inverse = false;
        for (int i = 0; i < n; i++)
        {
            _margined[i] = (IsUsdM(symbols[i]) || _amounts.IsInverse(i)) && _amounts.IsTraded(i);
            _leverage[i] = options.LeverageOf(symbols[i].Name);
            _scale[i] = ledger.ToAccountUnits(i, 1);
            AnyMargined |= _margined[i];
            inverse |= _margined[i] && _amounts.IsInverse(i);
        }
        // One account, one asset: a coin account (COIN-M) takes the coin-denominated brackets.
        _brackets = new MaintenanceBrackets(inverse ? options.CoinBrackets : options.Brackets, ledger.AccountDecimals);
        _entryDistance = (long)Math.Round(options.MinLiquidationDistanceBps * 100);
        _reduceDistance = (long)Math.Round(options.ReduceLiquidationDistanceBps * 100);
    }

    /// <summary>True for a USD-M futures venue (<c>*-usdm</c> or <c>usdm</c>, any case), the markets margined here.</summary>
    public static bool IsUsdM(SymbolInfo symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return symbol.Venue.EndsWith("-usdm", StringComparison.OrdinalIgnoreCase) || symbol.Venue.Equals("usdm", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The settings in force.</summary>
    public FuturesOptions Options { get; }

    /// <summary>Decimals of one account unit of the quote asset (the ledger's).</summary>
    public int AccountDecimals => _ledger.AccountDecimals;

    /// <summary>True when at least one symbol is margined (a USD-M or COIN-M run).</summary>
    public bool AnyMargined { get; }

    /// <summary>
    /// The live venue's risk figures (null in a backtest): when it has a liquidation price for the position the ledger
    /// holds, <see cref="LiquidationPriceTicks"/>, <see cref="NearLiquidation"/> and <see cref="CheckEntry"/> use the
    /// exchange's figure instead of the one computed here (<see cref="VenueLiquidations"/> counts those reads).
    /// </summary>
    public IVenueRiskSource? VenueRisk { get; set; }

    /// <summary>Liquidation checks that used the exchange's figure (<see cref="VenueRisk"/>) instead of ours.</summary>
    public long VenueLiquidations { get; private set; }

    /// <summary>Where marks come from: <c>markPrice</c> once the exchange's mark price (<see cref="MarkPrice"/>) marked a
    /// symbol, else <c>mid</c>.</summary>
    public string MarkSource => AnyMarkPrice ? "markPrice" : "mid";

    /// <summary>True once a symbol was marked by the exchange's mark price.</summary>
    public bool AnyMarkPrice { get; private set; }

    /// <summary>Mark-price events applied (<see cref="OnMarkPrice"/>).</summary>
    public long MarkPrices { get; private set; }

    /// <summary>Times a symbol's mark price was older than <see cref="FuturesOptions.MarkPriceMaxAgeMs"/> at a check, so
    /// the mid marked it until the next mark price.</summary>
    public long StaleMarkFallbacks { get; private set; }

    /// <summary>Marks a margined symbol at the exchange's mark price (<c>markPriceUpdate</c>), in ticks, never stale: from
    /// then on the mid no longer marks it (<see cref="MarkMid(int, long, long)"/>). Ignored for a symbol that is not
    /// margined or a price &lt;= 0.</summary>
    public void MarkPrice(int symbolId, long markTicks) => OnMarkPrice(symbolId, markTicks, 0, 0, long.MinValue);

    /// <summary>
    /// One <see cref="Core.Events.MarketEventKind.MarkPrice"/> event: marks a margined symbol at <paramref name="markTicks"/>
    /// as of <paramref name="nowNs"/> (the run's clock; <see cref="long.MinValue"/>: never stale), and when
    /// <paramref name="nextFundingNs"/> &gt; 0 takes the symbol's funding from the stream: at that time (once the event clock
    /// passes it) the position pays <paramref name="fundingRateE8"/> (1e-8) x notional at the mark, instead of the
    /// configured schedule. Ignored for a symbol that is not margined or a price &lt;= 0.
    /// </summary>
    public void OnMarkPrice(int symbolId, long markTicks, long fundingRateE8, long nextFundingNs, long nowNs)
    {
        if ((uint)symbolId >= (uint)_margined.Length || !_margined[symbolId] || markTicks <= 0) return;
        _mark[symbolId] = markTicks;
        _venueMark[symbolId] = true;
        _venueMarkAtNs[symbolId] = nowNs;
        AnyMarkPrice = true;
        MarkPrices++;
        if (nextFundingNs > 0 && nextFundingNs > _streamChargedNs[symbolId]) StreamFunding(symbolId, fundingRateE8, nextFundingNs);
    }

    /// <summary>True when <paramref name="symbolId"/> is a margined (USD-M or COIN-M) symbol.</summary>
    public bool IsMargined(int symbolId) => (uint)symbolId < (uint)_margined.Length && _margined[symbolId];

    /// <summary>Configured leverage of a symbol.</summary>
    public int Leverage(int symbolId) => _leverage[symbolId];

    /// <summary>The mark price in ticks: the latest mark, else the ledger's close-out mark (0 before any).</summary>
    public long MarkTicks(int symbolId) => _mark[symbolId] > 0 ? _mark[symbolId] : _ledger.Position(symbolId).MarkTicks;

    /// <summary>Marks a margined symbol at the mid of <paramref name="bidTicks"/> / <paramref name="askTicks"/> (rounded
    /// down), unless the exchange's mark price marks it (<see cref="OnMarkPrice"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkMid(int symbolId, long bidTicks, long askTicks)
    {
        if ((uint)symbolId < (uint)_margined.Length && _margined[symbolId] && !_venueMark[symbolId] && bidTicks > 0 && askTicks > 0)
            _mark[symbolId] = (bidTicks + askTicks) / 2;
    }

    /// <summary>As <see cref="MarkMid(int, long, long)"/> at <paramref name="nowNs"/> (the run's clock): an exchange mark
    /// price older than <see cref="FuturesOptions.MarkPriceMaxAgeMs"/> no longer holds, the mid marks until the next one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkMid(int symbolId, long bidTicks, long askTicks, long nowNs)
    {
        if ((uint)symbolId < (uint)_margined.Length && _venueMark[symbolId] && _venueMarkAtNs[symbolId] != long.MinValue
            && nowNs - _venueMarkAtNs[symbolId] > _markMaxAgeNs)
            ExpireMark(symbolId);
        MarkMid(symbolId, bidTicks, askTicks);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExpireMark(int symbolId)
    {
        _venueMark[symbolId] = false;
        StaleMarkFallbacks++;
    }

    /// <summary>Unrealised PnL of a symbol's position at the mark, account units (0 when not margined or flat).</summary>
    public long UnrealizedPnl(int symbolId)
    {
        ref readonly var p = ref _ledger.Position(symbolId);
        if (!_margined[symbolId] || p.PositionLots == 0) return 0;
        return (_amounts.Value(symbolId, p.PositionLots, MarkTicks(symbolId)) - p.ValueBasis) * _scale[symbolId];
    }

    /// <summary>Wallet balance: initial + realised - fees + funding, account units.</summary>
    public long WalletBalance => _ledger.Equity - _ledger.UnrealizedPnl;

    /// <summary>Margin balance: wallet + unrealised PnL (margined symbols at the mark, others at the ledger's marks).</summary>
    public long MarginBalance
    {
        get
        {
            long sum = WalletBalance;
            for (int i = 0; i < _margined.Length; i++)
                sum += _margined[i] ? UnrealizedPnl(i) : _ledger.Position(i).UnrealizedPnl * _scale[i];
            return sum;
        }
    }

    /// <summary>Initial margin of a symbol's position and open orders (plus <paramref name="extraBuyLots"/> /
    /// <paramref name="extraSellLots"/> of a new order), rounded up; 0 when not margined.</summary>
    public long InitialMargin(int symbolId, long extraBuyLots = 0, long extraSellLots = 0)
    {
        if (!_margined[symbolId]) return 0;
        long pos = _ledger.Position(symbolId).PositionLots;
        long size = Math.Max(Math.Abs(pos + _orders.OpenBuyLots(symbolId) + extraBuyLots), Math.Abs(pos - _orders.OpenSellLots(symbolId) - extraSellLots));
        return Margin(symbolId, size);
    }

    /// <summary>Available balance: margin balance minus the initial margin of every position and open order.</summary>
    public long AvailableBalance
    {
        get
        {
            long used = 0;
            for (int i = 0; i < _margined.Length; i++) used += InitialMargin(i);
            return MarginBalance - used;
        }
    }

    /// <summary>Maintenance margin of a symbol's position at the mark (bracket rate x notional - cum); 0 when flat or not margined.</summary>
    public long MaintenanceMargin(int symbolId)
    {
        long lots = _ledger.Position(symbolId).PositionLots;
        if (!_margined[symbolId] || lots == 0) return 0;
        return _brackets.Maintenance(_amounts.Notional(symbolId, lots, MarkTicks(symbolId)) * _scale[symbolId]);
    }

    /// <summary>Liquidation price of the open position in ticks (0: flat, not margined, or a long that cannot be
    /// liquidated): the exchange's when <see cref="VenueRisk"/> has one for this very position, else computed here.</summary>
    public long LiquidationPriceTicks(int symbolId)
    {
        ref readonly var p = ref _ledger.Position(symbolId);
        if (!_margined[symbolId] || p.PositionLots == 0) return 0;
        return TryVenueLiquidation(symbolId, p.PositionLots, out long venue) ? venue : LiquidationOf(symbolId, p.PositionLots, p.ValueBasis);
    }

    // The exchange's liquidation price of a position of exactly `lots` (the ledger's), when the venue has a current one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryVenueLiquidation(int symbolId, long lots, out long liquidationTicks)
    {
        liquidationTicks = 0;
        if (VenueRisk is not { } venue || !venue.TryGetLiquidation(symbolId, out long venueLots, out liquidationTicks) || venueLots != lots) return false;
        VenueLiquidations++;
        return true;
    }

    /// <summary>Largest initial margin of the positions seen at a check (<see cref="NearLiquidation"/>), account units.</summary>
    public long MaxInitialMarginUsed => _maxInitialMargin;

    /// <summary>Smallest distance of a position's liquidation price to the mark seen at a check, hundredths of a bp
    /// (<see cref="long.MaxValue"/>: no position was ever checked).</summary>
    public long MinLiquidationDistanceCentiBps => _minDistance;

    /// <summary>Positions closed because their liquidation price came near the mark.</summary>
    public long LiquidationReduces { get; private set; }

    // Initial margin of |size| lots at the mark: notional / min(leverage, the bracket's cap), rounded up.
    private long Margin(int s, long size)
    {
        if (size == 0) return 0;
        long notional = _amounts.Notional(s, size, MarkTicks(s)) * _scale[s];
        long leverage = Math.Min(_leverage[s], _brackets.MaxLeverage(_brackets.Find(notional)));
        return (notional + leverage - 1) / leverage;
    }

    // The liquidation price of a (possibly hypothetical) position of signed lots and signed value at entry (amount
    // units, SymbolPosition.ValueBasis).
    private long LiquidationOf(int s, long lots, long valueBasis)
    {
        long q = Math.Abs(lots);
        long scale = _scale[s];
        long cost = Math.Abs(valueBasis) * scale;
        int bracket = _brackets.Find(_amounts.Notional(s, q, MarkTicks(s)) * scale);
        long wallet, otherMaintenance = 0, otherUnrealized = 0;
        if (Options.MarginMode == MarginMode.Isolated)
        {
            wallet = cost / Math.Min(_leverage[s], _brackets.MaxLeverage(bracket)); // the margin posted at entry
        }
        else
        {
            wallet = WalletBalance;
            for (int j = 0; j < _margined.Length; j++)
            {
                if (j == s) continue;
                otherMaintenance += MaintenanceMargin(j);
                otherUnrealized += _margined[j] ? UnrealizedPnl(j) : _ledger.Position(j).UnrealizedPnl * _scale[j];
            }
        }
        if (_amounts.IsInverse(s))
            return LiquidationPrice.ComputeInverse(Math.Sign(lots), q, cost, _amounts.InversePerLot(s) * scale, wallet, otherMaintenance,
                otherUnrealized, _brackets.Cum(bracket), _brackets.RatePpm(bracket));
        return LiquidationPrice.Compute(Math.Sign(lots), q, cost, scale, wallet, otherMaintenance, otherUnrealized,
            _brackets.Cum(bracket), _brackets.RatePpm(bracket));
    }
}
