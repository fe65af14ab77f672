using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests;

/// <summary>Make-before-break: the new connection overlaps the old one before it takes over, so the book never
/// breaks (no gap, no resync, no reconnect).</summary>
public sealed class RotationTests
{
    [Fact]
    public async Task Rotates_without_a_gap_on_server_shutdown()
    {
        await using var h = await LiveHarness.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT", "ETHUSDT"] });
        await h.WaitSyncedAsync("BTCUSDT", "ETHUSDT");

        h.Fake.SendServerShutdown(closeAfter: TimeSpan.FromSeconds(3));
        await LiveHarness.WaitUntilAsync(() => h.Connection().ServerShutdowns == 1 && h.Connection().ConnectionId == 2, "rotated");
        await LiveHarness.WaitUntilAsync(() => h.Fake.OpenConnections.Count == 1, "old connection closed");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");
        await h.AssertBookEqualsSourceAsync("ETHUSDT");

        var c = h.Connection();
        Assert.Equal(1, c.Rotations);
        Assert.Equal(0, c.Reconnects);
        foreach (var s in new[] { "BTCUSDT", "ETHUSDT" })
        {
            Assert.Equal(0, h.Metrics(s).Gaps);
            Assert.Equal(0, h.Metrics(s).Resyncs);
        }
    }

    [Fact]
    public async Task Rotates_before_the_age_limit_without_a_gap()
    {
        await using var h = await LiveHarness.StartAsync(configure: o => o with { MaxConnectionAge = TimeSpan.FromSeconds(1.5) });
        await h.WaitSyncedAsync("BTCUSDT");

        // Rotations repeat every 1.5 s; wait for one whose overlap carried a message both connections delivered (a
        // loaded machine may let an overlap pass with no message in it), so the deduplication is really exercised.
        await LiveHarness.WaitUntilAsync(() => h.Connection().Rotations >= 2 && h.Metrics("BTCUSDT").Duplicates > 0,
            "two rotations and a duplicate from an overlap");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        Assert.Equal(0, h.Connection().Reconnects);
        Assert.Equal(0, h.Metrics("BTCUSDT").Gaps);
        Assert.Equal(0, h.Metrics("BTCUSDT").Resyncs);
    }
}
