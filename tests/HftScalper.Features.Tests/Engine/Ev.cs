using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Features.Engine;

namespace HftScalper.Features.Tests.Engine;

/// <summary>Builds market events and runs them through an engine, for readable tests.</summary>
internal static class Ev
{
    public const long Sec = 1_000_000_000;
    public const long T0 = 1_723_161_600_000_000_000; // 2024-08-09 00:00 UTC

    public static SymbolRegistry Registry(long tickSize = 1)
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "test", 2, 5, tickSize);
        return r;
    }

    public static MarketEvent Quote(long t, long bid, long bidQty, long ask, long askQty, int symbol = 0) => new()
    {
        Kind = MarketEventKind.TopOfBook, SymbolId = symbol, ExchangeTimeNs = t, LocalTimeNs = t,
        Price = bid, Quantity = bidQty, AskPrice = ask, AskQuantity = askQty,
    };

    public static MarketEvent Trade(long t, long price, long qty, bool buy, int symbol = 0) => new()
    {
        Kind = MarketEventKind.Trade, SymbolId = symbol, ExchangeTimeNs = t, LocalTimeNs = t,
        Price = price, Quantity = qty, Side = buy ? Side.Bid : Side.Ask,
        Flags = buy ? MarketEventFlags.None : MarketEventFlags.BuyerIsMaker,
    };

    public static MarketEvent Level(long t, Side side, long price, long qty, bool last, int symbol = 0) => new()
    {
        Kind = MarketEventKind.BookDelta, SymbolId = symbol, ExchangeTimeNs = t, LocalTimeNs = t,
        Price = price, Quantity = qty, Side = side, Flags = last ? MarketEventFlags.LastInMessage : MarketEventFlags.None,
    };

    /// <summary>Asserts |expected - actual| within 1e-5 relative (float rows) or 1e-6 absolute.</summary>
    public static void Close(double expected, float actual, double relative = 1e-5)
    {
        double tol = Math.Max(1e-6, Math.Abs(expected) * relative);
        Assert.True(Math.Abs(expected - actual) <= tol, $"expected {expected}, got {actual}");
    }

    public static float Col(FeatureEngine engine, float[] row, string name)
    {
        int i = engine.Schema.IndexOf(name);
        Assert.True(i >= 0, $"no column {name}");
        return row[i];
    }
}
