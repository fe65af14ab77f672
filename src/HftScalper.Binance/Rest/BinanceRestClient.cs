using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Time;

namespace HftScalper.Binance.Rest;

/// <summary>
/// Binance REST transport for order entry and account queries (spot <c>/api/v3</c>, USD-M <c>/fapi</c>): builds the
/// query in sent order, signs it (<c>recvWindow</c>, <c>timestamp</c> from <see cref="ServerTimeSync"/>,
/// <c>signature</c> percent-encoded), sends <c>X-MBX-APIKEY</c>, obeys and updates the <see cref="RateLimitTracker"/>,
/// and classifies the answer into a <see cref="RestOutcome"/>:
/// <list type="bullet">
/// <item>2XX + parsable body: Ok. 4XX with <c>code</c>/<c>msg</c>: Rejected (both carried).</item>
/// <item>429: Rejected, all requests paused for <c>Retry-After</c> (capped). 418: Rejected, nothing sent until the ban ends.</item>
/// <item>Timeout, 5XX, <c>-1006</c>, <c>-1007</c>, a connection broken after sending, an unreadable 2XX: Unknown —
/// never re-sent here; the caller reconciles by query or user stream.</item>
/// <item><c>-1021</c>: the clock is re-synced once and the request (which was not executed) signed and sent once more.</item>
/// <item>Refused before sending (rate budget, ban, clock not synced, no keys, connect failed): NotSent.</item>
/// </list>
/// </summary>
/// <remarks>Off the hot path (one HTTP request allocates); thread-safe. Errors and logs never carry the signature,
/// the query of a signed request, or key material.</remarks>
public sealed class BinanceRestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly IRequestSigner? _signer;
    private readonly Action<string>? _log;

    /// <summary>Creates a client. <paramref name="http"/> is owned (disposed) only when not supplied.</summary>
    /// <param name="options">Base URI, market, timeouts.</param>
    /// <param name="signer">Keys for signed and API-key endpoints; null = public endpoints only.</param>
    /// <param name="time">Clock offset tracker (signed requests refuse to leave unless it is usable).</param>
    /// <param name="limits">Rate-limit tracker built from exchangeInfo's <c>rateLimits</c>.</param>
    /// <param name="http">Optional shared HttpClient (its own timeout should exceed <see cref="BinanceRestOptions.Timeout"/>).</param>
    /// <param name="log">Log sink (one line per rate-limit event, re-sync, or unknown outcome).</param>
    public BinanceRestClient(BinanceRestOptions options, IRequestSigner? signer, ServerTimeSync time, RateLimitTracker limits,
        HttpClient? http = null, Action<string>? log = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _signer = signer;
        _log = log;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The settings.</summary>
    public BinanceRestOptions Options { get; }

    /// <summary>The clock offset tracker used for <c>timestamp</c>.</summary>
    public ServerTimeSync Time { get; }

    /// <summary>The rate-limit tracker.</summary>
    public RateLimitTracker Limits { get; }

    /// <summary>Counters.</summary>
    public RestCallCounters Counters { get; } = new();

    /// <summary>The server's clock (<c>GET /api/v3/time</c> or <c>/fapi/v1/time</c>, <c>serverTime</c> in Unix ms).</summary>
    /// <exception cref="HttpRequestException">The call did not succeed.</exception>
    public async Task<long> GetServerTimeMsAsync(CancellationToken ct)
    {
        var r = await SendAsync(HttpMethod.Get, Options.TimePath, new RestQuery(), RestSecurity.None, 1, 0, BinanceJsonContext.Default.ServerTimeResponse, ct).ConfigureAwait(false);
        return r.IsOk && r.Value is { } v ? v.ServerTime : throw new HttpRequestException($"server time: {r}");
    }

    /// <summary>Measures the clock offset (<see cref="ServerTimeSync.SyncAsync"/> over <see cref="GetServerTimeMsAsync"/>).</summary>
    public Task<bool> SyncTimeAsync(CancellationToken ct) => Time.SyncAsync(GetServerTimeMsAsync, ct);

    /// <summary>Keeps the clock offset fresh until <paramref name="ct"/> fires.</summary>
    public Task RunTimeSyncLoopAsync(CancellationToken ct) => Time.RunRefreshLoopAsync(GetServerTimeMsAsync, ct);

    /// <summary>Fetches and parses <c>exchangeInfo</c> (spot weight 20, USD-M 1). On spot, <paramref name="symbols"/> (when
    /// given) asks for those only (<c>symbols=["A","B"]</c>; Binance answers -1121 when one is not listed); the futures
    /// markets always answer every symbol.</summary>
    public async Task<RestResult<ExchangeInfo>> GetExchangeInfoAsync(CancellationToken ct, IReadOnlyList<string>? symbols = null)
    {
        bool spot = Options.Market == Live.BinanceMarket.Spot;
        int weight = spot ? 20 : 1;
        var query = new RestQuery();
        if (spot && symbols is { Count: > 0 }) query.Add("symbols", "[" + string.Join(',', symbols.Select(s => "\"" + s.ToUpperInvariant() + "\"")) + "]");
        var raw = await SendRawAsync(HttpMethod.Get, Options.ExchangeInfoPath, query, RestSecurity.None, weight, 0, ct).ConfigureAwait(false);
        if (!raw.IsOk) return raw.As<ExchangeInfo>();
        try
        {
            return new RestResult<ExchangeInfo>(RestOutcome.Ok, ExchangeInfoParser.Parse(raw.Value), raw.HttpStatus, 0, null);
        }
        catch (FormatException e)
        {
            return new RestResult<ExchangeInfo>(RestOutcome.Rejected, null, raw.HttpStatus, 0, e.Message);
        }
    }

    /// <summary>
    /// Sends one request and parses a 2XX body into <typeparamref name="T"/> with source-generated metadata.
    /// </summary>
    /// <param name="method">GET, POST, PUT or DELETE (all parameters travel in the query string).</param>
    /// <param name="path">E.g. <c>/api/v3/order</c>.</param>
    /// <param name="query">Endpoint parameters in sent order (without timestamp/recvWindow/signature).</param>
    /// <param name="security">Authentication.</param>
    /// <param name="weight">Request weight (REQUEST_WEIGHT).</param>
    /// <param name="orders">Orders placed by the request (ORDERS limits): 1 for new orders, 0 otherwise.</param>
    /// <param name="typeInfo">Source-generated JSON metadata of the answer.</param>
    /// <param name="ct">Cancels; a cancellation after the request left is reported as Unknown, not thrown.</param>
    public async Task<RestResult<T>> SendAsync<T>(HttpMethod method, string path, RestQuery query, RestSecurity security,
        int weight, int orders, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var raw = await SendRawAsync(method, path, query, security, weight, orders, ct).ConfigureAwait(false);
        if (!raw.IsOk) return raw.As<T>();
        try
        {
            var value = JsonSerializer.Deserialize(raw.Value, typeInfo);
            if (value is not null)
                return new RestResult<T>(RestOutcome.Ok, value, raw.HttpStatus, 0, null) { Resynced = raw.Resynced };
        }
        catch (JsonException)
        {
            // fall through: unreadable success body
        }
        Interlocked.Decrement(ref Counters.OkField);
        Interlocked.Increment(ref Counters.UnknownField);
        _log?.Invoke($"binance rest: {method} {path} answered {raw.HttpStatus} with a body that does not parse as {typeof(T).Name}: outcome UNKNOWN");
        return new RestResult<T>(RestOutcome.Unknown, default, raw.HttpStatus, 0, "unreadable success body") { Resynced = raw.Resynced };
    }

    /// <summary>Sends one request and returns the raw 2XX body (see <see cref="SendAsync{T}"/>).</summary>
    public async Task<RestResult<byte[]>> SendRawAsync(HttpMethod method, string path, RestQuery query, RestSecurity security,
        int weight, int orders, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        var result = await SendOnceAsync(method, path, query, security, weight, orders, ct).ConfigureAwait(false);
        if (result.Code != BinanceErrorBody.InvalidTimestamp || security != RestSecurity.Signed) return result;

        Interlocked.Increment(ref Counters.ClockRejectsField);
        bool synced = await Time.ResyncAfterRejectionAsync(GetServerTimeMsAsync, ct).ConfigureAwait(false);
        _log?.Invoke($"binance rest: -1021 on {method} {path} ({result.Message}); clock re-synced: {(synced ? "yes" : "FAILED")}, offset {Time.OffsetMs} ms, state {Time.State}; sending once more");
        if (!synced) return result with { Resynced = true };
        var again = await SendOnceAsync(method, path, query, security, weight, orders, ct).ConfigureAwait(false);
        if (again.Code == BinanceErrorBody.InvalidTimestamp) Interlocked.Increment(ref Counters.ClockRejectsField);
        return again with { Resynced = true };
    }

    private async Task<RestResult<byte[]>> SendOnceAsync(HttpMethod method, string path, RestQuery query, RestSecurity security,
        int weight, int orders, CancellationToken ct)
    {
        if (security != RestSecurity.None && _signer is null) return NotSent("no API keys configured");
        if (security == RestSecurity.Signed)
        {
            var state = Time.State;
            bool usable = orders > 0 ? state == ClockSyncState.Synced : state is ClockSyncState.Synced or ClockSyncState.Stale;
            if (!usable) return NotSent($"clock offset not usable ({state}, offset {Time.OffsetMs} ms)");
        }
        var wait = Limits.TryAcquire(weight, orders);
        if (wait > TimeSpan.Zero)
            return NotSent(Limits.IsBanned ? "IP banned (418) until " + Limits.BannedUntil.ToString("O", CultureInfo.InvariantCulture) : "rate limit reached") with { RetryAfter = wait };

        string queryText = security == RestSecurity.Signed ? SignedQuery(query) : query.ToString();
        using var request = new HttpRequestMessage(method, new Uri(Options.BaseUri, queryText.Length == 0 ? path : path + "?" + queryText));
        if (security != RestSecurity.None) request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", _signer!.ApiKey);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);
        Interlocked.Increment(ref Counters.SentField);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            Interlocked.Decrement(ref Counters.SentField);
            return NotSent($"connection not established ({e.HttpRequestError})");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            string why = e is OperationCanceledException
                ? ct.IsCancellationRequested ? "cancelled after sending" : $"no answer within {Options.Timeout.TotalMilliseconds:0} ms"
                : e.GetType().Name + " after sending";
            return Unknown(method, path, 0, 0, why);
        }
        using (response)
        {
            Limits.Observe(response.Headers);
            int status = (int)response.StatusCode;
            byte[]? body;
            try
            {
                body = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return Unknown(method, path, status, 0, "answer body lost: " + e.GetType().Name);
            }
            if (status is >= 200 and < 300)
            {
                if (body is null) return Unknown(method, path, status, 0, $"answer larger than {Options.MaxBodyBytes} bytes");
                Interlocked.Increment(ref Counters.OkField);
                return new RestResult<byte[]>(RestOutcome.Ok, body, status, 0, null);
            }
            var (code, msg) = body is null ? (0, null) : BinanceErrorBody.Read(body);
            if (status >= 500 || BinanceErrorBody.IsUnknownStatus(code)) return Unknown(method, path, status, code, msg ?? "HTTP " + status);
            if (status is 429 or 418) return Limited(response.Headers, status, code, msg, path);
            Interlocked.Increment(ref Counters.RejectedField);
            return new RestResult<byte[]>(RestOutcome.Rejected, body, status, code, msg ?? "HTTP " + status);
        }
    }

    private string SignedQuery(RestQuery query)
    {
        var q = query.Clone().Add("recvWindow", Time.Options.RecvWindowMs).Add("timestamp", Time.TimestampMs());
        string text = q.ToString();
        string signature = _signer!.Sign(Encoding.ASCII.GetBytes(text));
        return text + "&signature=" + Uri.EscapeDataString(signature);
    }

    private RestResult<byte[]> Limited(HttpResponseHeaders headers, int status, int code, string? msg, string path)
    {
        var asked = RetryAfter(headers) ?? (status == 418 ? Options.DefaultBanPause : TimeSpan.FromSeconds(1));
        var pause = asked > Options.MaxRetryAfter && status == 429 ? Options.MaxRetryAfter : asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        if (status == 429)
        {
            Interlocked.Increment(ref Counters.RateLimitedField);
            Limits.Pause(pause);
        }
        else
        {
            Interlocked.Increment(ref Counters.BannedField);
            Limits.Ban(pause);
        }
        Interlocked.Increment(ref Counters.RejectedField);
        _log?.Invoke($"binance rest: HTTP {status} on {path} (code {code}); {(status == 418 ? "banned, sending nothing" : "pausing all requests")} for {pause.TotalSeconds:0.###} s"
            + (pause < asked ? $" (Retry-After {asked.TotalSeconds:0.###} s capped)" : ""));
        return new RestResult<byte[]>(RestOutcome.Rejected, null, status, code, msg ?? "HTTP " + status) { RetryAfter = pause };
    }

    private RestResult<byte[]> Unknown(HttpMethod method, string path, int status, int code, string why)
    {
        Interlocked.Increment(ref Counters.UnknownField);
        _log?.Invoke($"binance rest: {method} {path}: outcome UNKNOWN (http {status}, code {code}: {why}); reconcile, do not resend");
        return new RestResult<byte[]>(RestOutcome.Unknown, null, status, code, why);
    }

    private RestResult<byte[]> NotSent(string why)
    {
        Interlocked.Increment(ref Counters.NotSentField);
        return new RestResult<byte[]>(RestOutcome.NotSent, null, 0, 0, why);
    }

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        var ra = headers.RetryAfter;
        if (ra?.Delta is { } delta) return delta;
        if (ra?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }

    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength is { } announced && announced > Options.MaxBodyBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            int read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (read == 0) break;
            if (buffer.Length + read > Options.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
