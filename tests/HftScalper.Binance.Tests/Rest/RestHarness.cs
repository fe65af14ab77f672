using HftScalper.Binance.Auth;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Live;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Time;

namespace HftScalper.Binance.Tests.Rest;

/// <summary>A wall clock the test sets (server time sync and rate windows read it; shared by the Time and Limits tests).</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Builds a REST client against a loopback server with a synced clock frozen at a chosen instant.</summary>
internal static class RestHarness
{
    // Binance spot docs, SIGNED endpoint examples (HMAC).
    public const string DocApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    public const string DocSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    public const long DocTimestamp = 1499827319559;

    public static readonly RateLimitRule[] SpotLimits =
    [
        new(RateLimitType.RequestWeight, 'M', 1, 6000),
        new(RateLimitType.Orders, 'S', 10, 50),
        new(RateLimitType.Orders, 'D', 1, 160000),
    ];

    public static async Task<BinanceRestClient> CreateAsync(Uri baseUri, IRequestSigner? signer, ManualTime time,
        BinanceMarket market = BinanceMarket.Spot, TimeSpan? timeout = null, List<string>? log = null, RateLimitRule[]? limits = null)
    {
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 1, RecvWindowMs = 5000 }, time);
        await sync.SyncAsync(_ => Task.FromResult(time.Now.ToUnixTimeMilliseconds()), CancellationToken.None);
        var options = new BinanceRestOptions(baseUri, market) { Timeout = timeout ?? TimeSpan.FromSeconds(5) };
        return new BinanceRestClient(options, signer, sync, new RateLimitTracker(limits ?? SpotLimits, time), null,
            log is null ? null : line => { lock (log) log.Add(line); });
    }

    public static ManualTime DocClock() => new(DateTimeOffset.FromUnixTimeMilliseconds(DocTimestamp));
}
