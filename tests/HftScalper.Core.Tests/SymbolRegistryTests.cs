using System.Text;
using HftScalper.Core.Symbols;

namespace HftScalper.Core.Tests;

public sealed class SymbolRegistryTests
{
    [Fact]
    public void Assigns_dense_ids_in_registration_order()
    {
        var r = new SymbolRegistry();
        var btc = r.Register("btcusdt", "binance-spot", 2, 5);
        var eth = r.Register("ETHUSDT", "binance-spot", 2, 4);
        Assert.Equal(0, btc.Id);
        Assert.Equal(1, eth.Id);
        Assert.Equal("BTCUSDT", btc.Name);
        Assert.Same(eth, r[1]);
        Assert.Equal(2, r.Count);
    }

    [Fact]
    public void Looks_up_utf8_names_case_insensitively()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 5);
        Assert.True(r.TryGetId("btcusdt"u8, out int id));
        Assert.Equal(0, id);
        Assert.True(r.TryGetId("BtcUsdt"u8, out _));
        Assert.False(r.TryGetId("BTCUSD"u8, out int missing));
        Assert.Equal(-1, missing);
        Assert.False(r.TryGetId("BTCUSDTX"u8, out _));
    }

    [Fact]
    public void Registering_twice_returns_the_same_symbol_and_refuses_other_scales()
    {
        var r = new SymbolRegistry();
        var a = r.Register("BTCUSDT", "binance-spot", 2, 5);
        Assert.Same(a, r.Register("btcusdt", "binance-spot", 2, 5));
        Assert.Throws<ArgumentException>(() => r.Register("BTCUSDT", "binance-spot", 8, 8));
        Assert.Throws<ArgumentException>(() => r.Register("BTCÜSDT", "binance-spot", 2, 5));
    }

    [Fact]
    public void Lookup_allocates_nothing()
    {
        var r = new SymbolRegistry();
        for (int i = 0; i < 100; i++) r.Register($"SYM{i}USDT", "binance-spot", 2, 5);
        byte[] name = Encoding.ASCII.GetBytes("sym57usdt");
        r.TryGetId(name, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 10_000; i++)
        {
            r.TryGetId(name, out int id);
            total += id;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(57 * 10_000, total);
    }
}
