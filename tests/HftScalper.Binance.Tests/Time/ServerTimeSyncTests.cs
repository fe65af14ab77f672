using HftScalper.Binance.Time;
using HftScalper.Binance.Tests.Rest;

namespace HftScalper.Binance.Tests.Time;

public sealed class ServerTimeSyncTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Fact]
    public async Task Offset_is_the_median_sample_corrected_by_half_the_round_trip()
    {
        var time = new ManualTime(Start);
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 3 }, time);
        // Each call takes 20 ms; the server is ahead by 250, 900 (outlier), 240 ms at the midpoint of each call.
        long[] ahead = [250, 900, 240];
        int call = 0;

        bool ok = await sync.SyncAsync(_ =>
        {
            long mid = time.Now.ToUnixTimeMilliseconds() + 10;
            time.Now += TimeSpan.FromMilliseconds(20);
            return Task.FromResult(mid + ahead[call++]);
        }, CancellationToken.None);

        Assert.True(ok);
        Assert.Equal(250, sync.OffsetMs);
        Assert.Equal(20, sync.RoundTripMs);
        Assert.Equal(ClockSyncState.Synced, sync.State);
        Assert.Equal(time.Now.ToUnixTimeMilliseconds() + 250, sync.TimestampMs());
    }

    [Fact]
    public async Task State_is_unsynced_before_any_measurement_and_when_all_samples_fail()
    {
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 2 }, new ManualTime(Start));

        bool ok = await sync.SyncAsync(_ => throw new HttpRequestException("down"), CancellationToken.None);

        Assert.False(ok);
        Assert.Equal(ClockSyncState.Unsynced, sync.State);
        Assert.Equal(1, sync.Failures);
    }

    [Fact]
    public async Task An_offset_beyond_the_bound_is_a_readable_out_of_bounds_state()
    {
        var time = new ManualTime(Start);
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 1, MaxAbsOffsetMs = 1000 }, time);

        await sync.SyncAsync(_ => Task.FromResult(time.Now.ToUnixTimeMilliseconds() - 1500), CancellationToken.None);

        Assert.Equal(-1500, sync.OffsetMs);
        Assert.Equal(ClockSyncState.OutOfBounds, sync.State);
        Assert.False(sync.IsSynced);
    }

    [Fact]
    public async Task A_measurement_older_than_max_age_turns_stale()
    {
        var time = new ManualTime(Start);
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 1, MaxAge = TimeSpan.FromMinutes(5) }, time);
        await sync.SyncAsync(_ => Task.FromResult(time.Now.ToUnixTimeMilliseconds()), CancellationToken.None);

        time.Now += TimeSpan.FromMinutes(6);

        Assert.Equal(ClockSyncState.Stale, sync.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60001)]
    public void Recv_window_outside_binance_range_is_refused(int recvWindow)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerTimeSync(new ServerTimeSyncOptions { RecvWindowMs = recvWindow }));
    }

    [Fact]
    public async Task Refresh_loop_measures_again_every_interval_until_cancelled()
    {
        var time = new ManualTime(Start);
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 1, RefreshInterval = TimeSpan.FromMilliseconds(20) }, time);
        long ahead = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var loop = sync.RunRefreshLoopAsync(_ => Task.FromResult(time.Now.ToUnixTimeMilliseconds() + Interlocked.Add(ref ahead, 10)), cts.Token);
        while (sync.Measurements < 3 && !cts.IsCancellationRequested) await Task.Delay(5);
        await cts.CancelAsync();
        await loop;

        Assert.True(sync.Measurements >= 3);
        Assert.Equal(Interlocked.Read(ref ahead), sync.OffsetMs); // the latest measurement wins
    }
}
