using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Core.Events;

namespace HftScalper.Core.Tests;

public sealed class MarketEventLayoutTests
{
    [Fact]
    public void Event_is_exactly_one_cache_line_and_blittable()
    {
        Assert.Equal(64, Unsafe.SizeOf<MarketEvent>());
        Assert.Equal(64, Marshal.SizeOf<MarketEvent>());
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<MarketEvent>());
    }

    [Theory]
    [InlineData(nameof(MarketEvent.ExchangeTimeNs), 0)]
    [InlineData(nameof(MarketEvent.LocalTimeNs), 8)]
    [InlineData(nameof(MarketEvent.Price), 16)]
    [InlineData(nameof(MarketEvent.Quantity), 24)]
    [InlineData(nameof(MarketEvent.FirstUpdateId), 32)]
    [InlineData(nameof(MarketEvent.AskPrice), 32)]
    [InlineData(nameof(MarketEvent.FundingRateE8), 32)]
    [InlineData(nameof(MarketEvent.PrevUpdateId), 40)]
    [InlineData(nameof(MarketEvent.AskQuantity), 40)]
    [InlineData(nameof(MarketEvent.NextFundingTimeNs), 40)]
    [InlineData(nameof(MarketEvent.UpdateId), 48)]
    [InlineData(nameof(MarketEvent.SymbolId), 56)]
    [InlineData(nameof(MarketEvent.Kind), 60)]
    [InlineData(nameof(MarketEvent.Side), 61)]
    [InlineData(nameof(MarketEvent.Flags), 62)]
    public void Field_offsets_match_the_native_mirror(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<MarketEvent>(field));
    }

    [Fact]
    public void Top_of_book_ask_shares_storage_with_update_id_chain_fields()
    {
        var e = new MarketEvent { Kind = MarketEventKind.TopOfBook, AskPrice = 123, AskQuantity = 7 };
        Assert.Equal(123, e.FirstUpdateId);
        Assert.Equal(7, e.PrevUpdateId);
    }

    [Fact]
    public void Clear_resets_every_byte()
    {
        var e = new MarketEvent { Price = 1, Quantity = 2, UpdateId = 3, SymbolId = 4, Kind = MarketEventKind.Trade, Flags = MarketEventFlags.LastInMessage };
        e.Clear();
        Assert.Equal(default, e);
        Assert.False(e.IsLastInMessage);
    }
}
