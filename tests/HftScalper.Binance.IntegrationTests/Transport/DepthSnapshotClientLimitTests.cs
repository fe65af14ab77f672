using System.Text;
using HftScalper.Binance.Transport;

namespace HftScalper.Binance.IntegrationTests.Transport;

/// <summary>The REST snapshot client against a real local HTTP server: an absurd Retry-After is capped, and an
/// oversized body is refused (counted, retried) instead of buffered.</summary>
public sealed class DepthSnapshotClientLimitTests
{
    private static readonly byte[] Snapshot = Encoding.ASCII.GetBytes("""{"lastUpdateId":1,"bids":[["1.00","2.0"]],"asks":[["1.01","3.0"]]}""");

    private static string Ok(long? contentLength) =>
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + (contentLength is { } n ? $"Content-Length: {n}\r\n" : "") + "Connection: close\r\n\r\n";

    [Fact]
    public async Task A_retry_after_of_a_billion_seconds_pauses_at_most_the_cap()
    {
        await using var server = new ScriptedHttpServer(
            ("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1000000000\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", ScriptedHttpServer.Bytes([])));
        var limiter = new RequestWeightLimiter(6000);
        var log = new List<string>();
        using var client = new DepthSnapshotClient(limiter, log: m => { lock (log) log.Add(m); });
        using var give = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetDepthAsync(server.BaseUri, "/api/v3/depth", "BTCUSDT", 100, give.Token));

        Assert.Equal(1, client.Counters.RateLimited);
        var pause = limiter.PausedUntil - DateTimeOffset.UtcNow;
        Assert.True(pause <= TimeSpan.FromSeconds(60), $"paused for {pause}");
        lock (log) Assert.Contains(log, m => m.Contains("capped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_body_is_counted_and_refused_then_the_next_answer_is_used(bool announced)
    {
        const int huge = 20 << 20; // above the 16 MiB default cap
        var filler = new byte[1 << 20];
        Array.Fill(filler, (byte)' ');
        await using var server = new ScriptedHttpServer(
            (Ok(announced ? huge : null), async (s, ct) =>
            {
                for (int i = 0; i < huge / filler.Length; i++) await s.WriteAsync(filler, ct);
            }),
            (Ok(Snapshot.Length), ScriptedHttpServer.Bytes(Snapshot)));
        using var client = new DepthSnapshotClient(new RequestWeightLimiter(6000));
        using var give = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await client.GetDepthAsync(server.BaseUri, "/api/v3/depth", "BTCUSDT", 100, give.Token);

        Assert.Equal(Snapshot, result.Body);
        Assert.Equal(1, client.Counters.Failed);
        Assert.Equal(1, client.Counters.Succeeded);
        Assert.Equal(2, server.Requests);
    }
}
