using System.Runtime.CompilerServices;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Ledger;

/// <summary>
/// What a quantity at a price is worth, per symbol, in the symbol's amount units: the one home of linear and inverse
/// contract arithmetic, read by the ledger, risk, margin, the paper venue's fees and the reports.
/// <list type="bullet">
/// <item>Linear (spot, USD-M): value = lots x ticks, in 10^-(PriceDecimals+QuantityDecimals) of the quote asset.</item>
/// <item>Inverse (COIN-M, <see cref="InverseContracts"/>): value = -lots x size / price, in 10^-<see cref="InverseContracts.AmountDecimals"/>
/// of the coin. An inverse contract is a linear one in the price 1/p with the quantity negated, so every linear formula
/// (cost basis, realised = exit value - removed basis, unrealised = value at the mark - basis) holds on values: a long of
/// Q contracts from E to X realises Q x size x (1/E - 1/X). Each value is rounded to the nearest unit (half away from
/// zero); a fee is rounded up, a rebate toward zero (against us).</item>
/// </list>
/// Also which symbols the desk trades (<see cref="IsTraded"/>): the others have no account scale. Immutable; no
/// allocation per call.
/// </summary>
public sealed class SymbolAmounts
{
    private readonly bool[] _traded;
    private readonly bool[] _inverse;
    private readonly long[] _contractUsd;
    private readonly Int128[] _perLot; // inverse: amount units x ticks of one lot = size x 10^(pd + AmountDecimals - qd)
    private readonly int[] _decimals;
    private readonly long[] _lotStep;

    private SymbolAmounts(int n)
    {
        _traded = new bool[n];
        _inverse = new bool[n];
        _contractUsd = new long[n];
        _perLot = new Int128[n];
        _decimals = new int[n];
        _lotStep = new long[n];
    }

    /// <summary>
    /// The amounts of the symbols registered now: <paramref name="traded"/> says which the desk trades (null: all),
    /// <paramref name="contractSizes"/> overrides inverse contract sizes in USD by name (null: Binance's).
    /// </summary>
    public static SymbolAmounts Create(SymbolRegistry symbols, IReadOnlyList<bool>? traded = null, IReadOnlyDictionary<string, long>? contractSizes = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        int n = symbols.Count;
        var a = new SymbolAmounts(n);
        for (int i = 0; i < n; i++)
        {
            var s = symbols[i];
            a._traded[i] = traded is null || (i < traded.Count && traded[i]);
            a._decimals[i] = DecimalsOf(s);
            a._lotStep[i] = 1;
            if (!InverseContracts.IsInverse(s)) continue;
            a._inverse[i] = true;
            long size = InverseContracts.ContractSizeUsd(s.Name, contractSizes);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(contractSizes));
            a._contractUsd[i] = size;
            // 0 <= pd + 10 - qd <= 28 decimals: 10^28 x size stays far inside Int128.
            int exponent = s.PriceDecimals + InverseContracts.AmountDecimals - s.QuantityDecimals;
            if (exponent < 0) throw new ArgumentException($"{s.Name}: {s.QuantityDecimals} quantity decimals are finer than an inverse contract's amounts can hold", nameof(symbols));
            a._perLot[i] = size * Pow10(exponent);
            a._lotStep[i] = FixedPoint.PowerOfTen(s.QuantityDecimals); // whole contracts only
        }
        return a;
    }

    /// <summary>Decimals of one amount unit of <paramref name="symbol"/>: PriceDecimals + QuantityDecimals (linear), or
    /// <see cref="InverseContracts.AmountDecimals"/> of the coin (inverse).</summary>
    public static int DecimalsOf(SymbolInfo symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return InverseContracts.IsInverse(symbol) ? InverseContracts.AmountDecimals : symbol.PriceDecimals + symbol.QuantityDecimals;
    }

    /// <summary>Symbols described (ids below).</summary>
    public int Count => _traded.Length;

    /// <summary>Whether the desk trades symbol <paramref name="id"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsTraded(int id) => (uint)id < (uint)_traded.Length && _traded[id];

    /// <summary>Whether symbol <paramref name="id"/> is an inverse contract.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsInverse(int id) => (uint)id < (uint)_inverse.Length && _inverse[id];

    /// <summary>The contract size in USD of an inverse symbol (0 for a linear one).</summary>
    public long ContractSizeUsd(int id) => _contractUsd[id];

    /// <summary>Decimals of one amount unit of symbol <paramref name="id"/> (see <see cref="DecimalsOf"/>).</summary>
    public int AmountDecimals(int id) => _decimals[id];

    /// <summary>The quantity step orders of symbol <paramref name="id"/> keep to, lots: one contract for an inverse
    /// symbol (10^QuantityDecimals lots), 1 otherwise (the symbol's own lot size applies on top).</summary>
    public long LotStep(int id) => _lotStep[id];

    /// <summary>Signed value of <paramref name="signedLots"/> at <paramref name="priceTicks"/> (&gt; 0), amount units:
    /// lots x ticks (linear), -lots x size / price rounded to the nearest unit (inverse).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Value(int id, long signedLots, long priceTicks) =>
        _inverse[id] ? InverseValue(id, signedLots, priceTicks) : signedLots * priceTicks;

    /// <summary>Notional of |<paramref name="lots"/>| at <paramref name="priceTicks"/>, amount units (&gt;= 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Notional(int id, long lots, long priceTicks) =>
        _inverse[id] ? -InverseValue(id, Math.Abs(lots), priceTicks) : Math.Abs(lots) * priceTicks;

    /// <summary>Fee of a fill of <paramref name="lots"/> at <paramref name="priceTicks"/> under <paramref name="fees"/>,
    /// amount units: on the notional (the coin notional of an inverse contract), rounded up; a rebate toward zero.</summary>
    public long Fee(int id, long priceTicks, long lots, FeeSchedule fees, Liquidity liquidity)
    {
        if (!_inverse[id]) return fees.Compute(priceTicks, lots, liquidity);
        if (priceTicks <= 0) return 0;
        int ppm = liquidity == Liquidity.Maker ? fees.MakerPpm : fees.TakerPpm;
        Int128 num = lots * _perLot[id] * ppm;
        Int128 den = (Int128)priceTicks * 1_000_000;
        if (ppm >= 0) return (long)((num + den - 1) / den);
        return (long)(num / den); // toward zero: the smaller rebate
    }

    /// <summary>The exact inverse numerator of symbol <paramref name="id"/>: amount units x ticks of one lot (0 for a
    /// linear symbol), for formulas that divide by a price once (the liquidation price).</summary>
    public Int128 InversePerLot(int id) => _perLot[id];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long InverseValue(int id, long signedLots, long priceTicks)
    {
        if (priceTicks <= 0 || signedLots == 0) return 0;
        Int128 num = (Int128)Math.Abs(signedLots) * _perLot[id];
        long magnitude = (long)((num + priceTicks / 2) / priceTicks);
        return signedLots > 0 ? -magnitude : magnitude;
    }

    private static Int128 Pow10(int decimals)
    {
        Int128 p = 1;
        for (int i = 0; i < decimals; i++) p *= 10;
        return p;
    }
}
