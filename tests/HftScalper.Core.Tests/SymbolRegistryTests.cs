using System.Text;
using HftScalper.Core.Symbols;
using HftScalper.Tests.Shared;

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
        int total = 0;
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            total = 0;
            for (int i = 0; i < 10_000; i++)
            {
                r.TryGetId(name, out int id);
                total += id;
            }
        }));
        Assert.Equal(57 * 10_000, total);
    }

    [Fact]
    public void Registering_ten_thousand_symbols_allocates_linearly_not_a_table_copy_each()
    {
        // A recording of made-up names registers one symbol per line; each registration copied the whole table
        // (20,000 names: 3.8 GB allocated). Doubling arrays cost a few hundred bytes per symbol.
        var r = new SymbolRegistry();
        var names = new string[SymbolRegistry.DefaultMaxSymbols];
        for (int i = 0; i < names.Length; i++) names[i] = $"S{i}USDT";
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var n in names) r.Register(n, "binance-spot", 8, 8);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 8 * 1024 * 1024, $"{allocated:N0} bytes for {names.Length} symbols");
        Assert.Equal(names.Length, r.Count);
        for (int i = 0; i < names.Length; i += 97)
        {
            Assert.True(r.TryGetId(Encoding.ASCII.GetBytes(names[i].ToLowerInvariant()), out int id));
            Assert.Equal(i, id);
            Assert.Equal(names[i], r[i].Name);
        }
    }

    [Fact]
    public void A_symbol_past_the_cap_is_refused_with_a_clear_message_and_counted()
    {
        var r = new SymbolRegistry();
        Assert.Equal(10_000, r.MaxSymbols);
        for (int i = 0; i < 10_000; i++) Assert.NotNull(r.TryRegister($"S{i}", "binance-spot", 8, 8));
        Assert.Null(r.TryRegister("ONEMORE", "binance-spot", 8, 8));
        Assert.Equal(1, r.Refused);
        var e = Assert.Throws<InvalidOperationException>(() => r.Register("TWOMORE", "binance-spot", 8, 8));
        Assert.Contains("10000 symbols", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, r.Refused);
        Assert.Equal(10_000, r.Count);
        Assert.False(r.TryGetId("ONEMORE"u8, out _));
        // A known name is still found (not a new registration).
        Assert.Equal(5, r.Register("s5", "binance-spot", 8, 8).Id);
        Assert.Equal(2, r.Refused);
    }

    [Fact]
    public void The_cap_is_configurable()
    {
        var r = new SymbolRegistry(maxSymbols: 3);
        for (int i = 0; i < 3; i++) r.Register($"S{i}", "generic", 2, 2);
        Assert.Null(r.TryRegister("S3", "generic", 2, 2));
        Assert.Equal(1, r.Refused);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SymbolRegistry(0));
    }

    [Fact]
    public void Lock_free_readers_find_every_symbol_published_while_the_table_grows()
    {
        var r = new SymbolRegistry();
        var names = new byte[5_000][];
        for (int i = 0; i < names.Length; i++) names[i] = Encoding.ASCII.GetBytes($"R{i}USDT");
        int published = 0;
        bool failed = false;
        var reader = new Thread(() =>
        {
            while (Volatile.Read(ref published) < names.Length)
            {
                int n = Volatile.Read(ref published);
                for (int i = Math.Max(0, n - 64); i < n; i++)
                    if (!r.TryGetId(names[i], out int id) || id != i || r[i].Id != i) Volatile.Write(ref failed, true);
            }
        });
        reader.Start();
        for (int i = 0; i < names.Length; i++)
        {
            r.Register(Encoding.ASCII.GetString(names[i]), "binance-spot", 2, 5);
            Volatile.Write(ref published, i + 1);
        }
        reader.Join();
        Assert.False(failed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]   // past the first array doubling
    [InlineData(20)]  // every symbol, past an index rebuild
    public void A_prefix_holds_the_first_symbols_and_nothing_registered_later(int count)
    {
        var r = new SymbolRegistry(maxSymbols: 50);
        for (int i = 0; i < 20; i++) r.Register($"S{i}USDT", "binance-spot", 2, 5, quoteAsset: "USDT");

        var prefix = r.Prefix(count);
        r.Register("LATEUSDT", "binance-spot", 2, 5);

        Assert.Equal(count, prefix.Count);
        Assert.Equal(50, prefix.MaxSymbols);
        for (int i = 0; i < count; i++)
        {
            Assert.Same(r[i], prefix[i]);
            Assert.True(prefix.TryGetId(Encoding.ASCII.GetBytes($"s{i}usdt"), out int id));
            Assert.Equal(i, id);
        }
        Assert.False(prefix.TryGetId("LATEUSDT"u8, out _));
        if (count < 20) Assert.False(prefix.TryGetId(Encoding.ASCII.GetBytes($"S{count}USDT"), out _));
        Assert.Throws<IndexOutOfRangeException>(() => prefix[count]);
        // The prefix is a registry of its own: what registers there takes the next id and never reaches the original.
        Assert.Equal(count, prefix.Register("OTHERUSDT", "binance-spot", 2, 5).Id);
        Assert.False(r.TryGetId("OTHERUSDT"u8, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Prefix(r.Count + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Prefix(-1));
    }
}
