using System.Globalization;
using System.Net;

namespace HftScalper.Binance.Transport;

/// <summary>
/// Fetches REST depth snapshots (<c>/api/v3/depth</c> spot, <c>/fapi/v1/depth</c> USD-M futures) under the
/// request-weight budget: waits for budget before sending, adopts <c>X-MBX-USED-WEIGHT-1M</c>, and on 429 or 418
/// pauses every request for <c>Retry-After</c> (418 without the header: <see cref="DefaultBanPause"/>; never longer
/// than <see cref="MaxRetryAfter"/>) then retries. A body larger than <see cref="MaxBodyBytes"/> is not buffered: it
/// is counted (<see cref="RestCounters.Oversized"/>), logged and fetched again after the back-off.
/// </summary>
/// <remarks>Off the hot path: allocates one body array per snapshot. Thread-safe.</remarks>
public sealed class DepthSnapshotClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Action<string>? _log;

    /// <summary>Pause after a 418 that carries no Retry-After.</summary>
    public static readonly TimeSpan DefaultBanPause = TimeSpan.FromMinutes(2);

    /// <summary>Default of <see cref="MaxBodyBytes"/>: 16 MiB (a 5000-level Binance snapshot is well under 1 MiB).</summary>
    public const int DefaultMaxBodyBytes = 16 << 20;

    /// <summary>Default of <see cref="MaxRetryAfter"/>.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>Largest snapshot body accepted (decompressed bytes); a larger answer is dropped and retried.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Longest pause a <c>Retry-After</c> (or the 418 default) may impose; longer ones are capped and logged.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = DefaultMaxRetryAfter;

    /// <summary>Creates a client. <paramref name="http"/> is owned (disposed) only when not supplied.</summary>
    public DepthSnapshotClient(RequestWeightLimiter limiter, HttpClient? http = null, Action<string>? log = null)
    {
        Limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        _log = log;
    }

    /// <summary>The weight budget this client obeys.</summary>
    public RequestWeightLimiter Limiter { get; }

    /// <summary>Request counters.</summary>
    public RestCounters Counters { get; } = new();

    /// <summary>
    /// GETs <c>{baseUri}{path}?symbol={symbol}&amp;limit={limit}</c>, retrying after rate limits and transient
    /// failures until it succeeds or <paramref name="ct"/> fires.
    /// </summary>
    /// <param name="baseUri">REST base, e.g. <c>https://api.binance.com</c>.</param>
    /// <param name="path"><c>/api/v3/depth</c> or <c>/fapi/v1/depth</c>.</param>
    /// <param name="symbol">Upper-case symbol.</param>
    /// <param name="limit">Levels per side.</param>
    /// <param name="ct">Cancels the wait and the request.</param>
    public async Task<DepthSnapshotResult> GetDepthAsync(Uri baseUri, string path, string symbol, int limit, CancellationToken ct)
    {
        var uri = new Uri(baseUri, $"{path}?symbol={Uri.EscapeDataString(symbol.ToUpperInvariant())}&limit={limit.ToString(CultureInfo.InvariantCulture)}");
        int weight = RequestWeightLimiter.DepthWeight(limit);
        var retryDelay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            await Limiter.AcquireAsync(weight, ct).ConfigureAwait(false);
            Interlocked.Increment(ref Counters.RequestsField);
            try
            {
                using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                ObserveWeight(response);
                var status = (int)response.StatusCode;
                if (status == 429 || status == 418)
                {
                    var asked = RetryAfter(response) ?? (status == 418 ? DefaultBanPause : TimeSpan.FromSeconds(1));
                    var pause = asked > MaxRetryAfter ? MaxRetryAfter : asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
                    if (status == 429) Interlocked.Increment(ref Counters.RateLimitedField);
                    else Interlocked.Increment(ref Counters.BannedField);
                    _log?.Invoke($"binance rest: {status} on {uri.AbsolutePath} {symbol}; pausing all requests {pause.TotalSeconds:0.###} s"
                        + (pause < asked ? $" (Retry-After {asked.TotalSeconds:0.###} s capped)" : ""));
                    Limiter.Pause(pause);
                    continue;
                }
                if (response.IsSuccessStatusCode)
                {
                    var body = await ReadCappedAsync(response.Content, ct).ConfigureAwait(false);
                    if (body is not null)
                    {
                        Interlocked.Increment(ref Counters.SucceededField);
                        return new DepthSnapshotResult(body, LocalClock.NowNs());
                    }
                    Interlocked.Increment(ref Counters.OversizedField);
                    Interlocked.Increment(ref Counters.FailedField);
                    _log?.Invoke($"binance rest: {uri.AbsolutePath} {symbol} answered more than {MaxBodyBytes} bytes; dropped, retrying in {retryDelay.TotalMilliseconds:0} ms");
                }
                else
                {
                    Interlocked.Increment(ref Counters.FailedField);
                    _log?.Invoke($"binance rest: HTTP {status} on {uri.AbsolutePath} {symbol}; retrying in {retryDelay.TotalMilliseconds:0} ms");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref Counters.FailedField);
                _log?.Invoke($"binance rest: {e.GetType().Name} on {uri.AbsolutePath} {symbol}: {e.Message}; retrying in {retryDelay.TotalMilliseconds:0} ms");
            }
            await Task.Delay(retryDelay, ct).ConfigureAwait(false);
            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, TimeSpan.TicksPerSecond * 10));
        }
    }

    // The body, or null when it is (or announces itself as) larger than MaxBodyBytes: never buffered past the cap.
    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength is { } announced && announced > MaxBodyBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[(int)Math.Min(content.Headers.ContentLength ?? 64 * 1024, MaxBodyBytes) + 1];
        int n = 0;
        while (true)
        {
            if (n == buffer.Length)
            {
                if (n > MaxBodyBytes) return null;
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, MaxBodyBytes + 1L));
            }
            int read = await stream.ReadAsync(buffer.AsMemory(n), ct).ConfigureAwait(false);
            if (read == 0) break;
            n += read;
        }
        if (n > MaxBodyBytes) return null;
        return n == buffer.Length ? buffer : buffer[..n];
    }

    private void ObserveWeight(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-MBX-USED-WEIGHT-1M", out var values))
        {
            foreach (var v in values)
            {
                if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int used)) Limiter.ObserveUsedWeight(used);
            }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var ra = response.Headers.RetryAfter;
        if (ra?.Delta is { } delta) return delta;
        if (ra?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
