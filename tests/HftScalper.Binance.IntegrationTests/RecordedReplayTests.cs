using HftScalper.FakeExchange;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.IntegrationTests;

/// <summary>The fake exchange replays the real BTCUSDT recording (depth, bookTicker, trades as recorded); the
/// client must sync, survive a gap, and end with the book rebuilt from the recording.</summary>
public sealed class RecordedReplayTests
{
    [RequiresDataFact]
    public async Task Syncs_a_real_recording_and_recovers_from_a_gap()
    {
        var fake = new FakeExchangeOptions { Symbols = ["BTCUSDT"], Recording = TestData.BinanceSpotBtcusdt, RecordedMessagesPerTick = 25 };
        await using var h = await LiveHarness.StartAsync(fake, o => o with { BookTicker = true, Trades = true },
            priceDecimals: 2, quantityDecimals: 8);
        await h.WaitSyncedAsync("BTCUSDT");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        h.Fake.InjectDepthFault("BTCUSDT", DepthFault.Drop);
        await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Gaps == 1, "gap in the real stream detected");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        var m = h.Metrics("BTCUSDT");
        Assert.Equal(1, m.Resyncs);
        Assert.Equal(0, m.Duplicates);
        Assert.Equal(0, h.Connection().Malformed);
        Assert.Equal(0, h.Feed.ParseCounters.Rejected);
        Assert.True(m.MaxFeedLatencyNs > 0); // recorded E is in 2024: latency is huge but measured
    }
}
