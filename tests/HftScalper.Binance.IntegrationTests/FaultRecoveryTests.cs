using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests;

/// <summary>The live client against the fake exchange, one fault at a time: each ends with a synced book equal
/// to the source's and the counters saying what happened.</summary>
public sealed class FaultRecoveryTests
{
    private static readonly FakeExchangeOptions TwoSymbols = new() { Symbols = ["BTCUSDT", "ETHUSDT"] };

    [Fact]
    public async Task Syncs_every_symbol_to_the_source_book()
    {
        await using var h = await LiveHarness.StartAsync(TwoSymbols);

        await h.WaitSyncedAsync("BTCUSDT", "ETHUSDT");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");
        await h.AssertBookEqualsSourceAsync("ETHUSDT");

        var m = h.Metrics("BTCUSDT");
        Assert.Equal(0, m.Gaps);
        Assert.Equal(0, m.Resyncs);
        Assert.Equal(1, m.Snapshots);
        Assert.True(m.Messages > 0);
        Assert.Equal(0, h.Connection().Reconnects);
        Assert.Equal(1, h.Fake.TotalConnections);
    }

    [Fact]
    public async Task Resyncs_when_update_ids_skip()
    {
        await using var h = await LiveHarness.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");

        h.Fake.InjectDepthFault("BTCUSDT", DepthFault.Drop);
        await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Gaps == 1, "gap detected");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        var m = h.Metrics("BTCUSDT");
        Assert.Equal(1, m.Gaps);
        Assert.Equal(1, m.Resyncs);
        Assert.Equal(0, h.Connection().Reconnects);
    }

    [Fact]
    public async Task Drops_duplicated_messages_without_resyncing()
    {
        await using var h = await LiveHarness.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");

        h.Fake.InjectDepthFault("BTCUSDT", DepthFault.Duplicate, count: 3);
        await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Duplicates >= 3, "duplicates dropped");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        var m = h.Metrics("BTCUSDT");
        Assert.Equal(3, m.Duplicates);
        Assert.Equal(0, m.Gaps);
        Assert.Equal(0, m.Resyncs);
    }

    [Fact]
    public async Task Recovers_from_reordered_messages_with_one_resync()
    {
        await using var h = await LiveHarness.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");

        h.Fake.InjectDepthFault("BTCUSDT", DepthFault.Reorder);
        await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Gaps == 1, "gap from reordering detected");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        var m = h.Metrics("BTCUSDT");
        Assert.Equal(1, m.Gaps);
        Assert.Equal(1, m.Resyncs);
        Assert.Equal(1, m.Duplicates); // the late message is older than what was already forwarded
    }

    [Fact]
    public async Task Reconnects_and_resyncs_after_a_disconnect()
    {
        await using var h = await LiveHarness.StartAsync(TwoSymbols);
        await h.WaitSyncedAsync("BTCUSDT", "ETHUSDT");

        h.Fake.DisconnectAll();
        await LiveHarness.WaitUntilAsync(() => h.Connection().Reconnects == 1 && h.Metrics("BTCUSDT").Resyncs == 1 && h.Metrics("ETHUSDT").Resyncs == 1,
            "reconnected and resynced");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");
        await h.AssertBookEqualsSourceAsync("ETHUSDT");

        Assert.Equal(2, h.Fake.TotalConnections);
        Assert.Equal(0, h.Metrics("BTCUSDT").Gaps); // a reconnect is not counted as a gap
    }

    [Fact]
    public async Task Replaces_a_silent_connection()
    {
        await using var h = await LiveHarness.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");

        h.Fake.FreezeOpenConnections();
        // Wait for the resync on the new connection to finish too: comparing pauses the fake, and a paused fake can
        // never bridge a snapshot that is still being taken.
        await LiveHarness.WaitUntilAsync(() => h.Connection().StaleDisconnects == 1 && h.Connection().Reconnects == 1
            && h.Metrics("BTCUSDT").Resyncs == 1 && h.IsSynced("BTCUSDT"), "silent connection replaced and the book resynced");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        Assert.Equal(1, h.Metrics("BTCUSDT").Resyncs);
    }

    [Fact]
    public async Task Counts_and_skips_malformed_and_oversized_frames()
    {
        await using var h = await LiveHarness.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");

        h.Fake.SendRaw("{\"stream\":\"btcusdt@depth@100ms\",\"dat");
        h.Fake.SendRaw("\u0001\u0002 not json at all");
        h.Fake.SendOversized(600 * 1024); // over the 256 KB cap of the harness
        await LiveHarness.WaitUntilAsync(() => h.Connection().Malformed == 2 && h.Connection().Oversized == 1, "bad frames counted");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        Assert.Equal(0, h.Connection().Reconnects);
        Assert.Equal(0, h.Metrics("BTCUSDT").Gaps);
    }

    [Fact]
    public async Task Honours_retry_after_when_rate_limited()
    {
        await using var h = await LiveHarness.StartAsync(start: false);
        h.Fake.FailNextSnapshots(1, 429, TimeSpan.FromSeconds(1));

        await h.Client.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        Assert.Equal(1, h.Client.Rest.Counters.RateLimited);
        Assert.Equal(2, h.Fake.SnapshotRequests);
        // Adopted from X-MBX-USED-WEIGHT-1M. Compare with what the fake last sent, not with "2 x 50": either side's
        // one-minute window may roll during the one-second Retry-After (a CI run failed exactly so).
        Assert.True(h.Fake.LastReportedWeight >= 50);
        Assert.Equal(h.Fake.LastReportedWeight, h.Client.Rest.Limiter.LastServerUsedWeight);
    }

    [Fact]
    public async Task Waits_out_a_ban_before_asking_again()
    {
        await using var h = await LiveHarness.StartAsync(start: false);
        h.Fake.FailNextSnapshots(1, 418, TimeSpan.FromSeconds(1));

        await h.Client.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");

        Assert.Equal(1, h.Client.Rest.Counters.Banned);
        Assert.Equal(2, h.Fake.SnapshotRequests);
    }
}
