using System.Globalization;
using System.Net;

namespace HftScalper.Binance.Transport;

/// <summary>
/// Fetches REST depth snapshots (<c>/api/v3/depth</c> spot, <c>/fapi/v1/depth</c> USD-M futures) under the
/// request-weight budget: waits for budget before sending, adopts <c>X-MBX-USED-WEIGHT-1M</c>, and on 429 or 418
/// pauses every request for <c>Retry-After</c> (418 without the header: <see cref="DefaultBanPause"/>) then retries.
/// </summary>
/// <remarks>Off the hot path: allocates one body array per snapshot. Thread-safe.</remarks>
public sealed class DepthSnapshotClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Action<string>? _log;

    /// <summary>Pause after a 418 that carries no Retry-After.</summary>
    public static readonly TimeSpan DefaultBanPause = TimeSpan.FromMinutes(2);

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
                using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                ObserveWeight(response);
                var status = (int)response.StatusCode;
                if (status == 429 || status == 418)
                {
                    var pause = RetryAfter(response) ?? (status == 418 ? DefaultBanPause : TimeSpan.FromSeconds(1));
                    if (status == 429) Interlocked.Increment(ref Counters.RateLimitedField);
                    else Interlocked.Increment(ref Counters.BannedField);
                    _log?.Invoke($"binance rest: {status} on {uri.AbsolutePath} {symbol}; pausing all requests {pause.TotalSeconds:0.###} s");
                    Limiter.Pause(pause);
                    continue;
                }
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                    Interlocked.Increment(ref Counters.SucceededField);
                    return new DepthSnapshotResult(body, LocalClock.NowNs());
                }
                Interlocked.Increment(ref Counters.FailedField);
                _log?.Invoke($"binance rest: HTTP {status} on {uri.AbsolutePath} {symbol}; retrying in {retryDelay.TotalMilliseconds:0} ms");
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
