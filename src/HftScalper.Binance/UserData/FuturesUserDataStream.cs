using System.Net.WebSockets;
using System.Text.Json;
using HftScalper.Binance.Transport;
using HftScalper.Binance.WsApi;

namespace HftScalper.Binance.UserData;

/// <summary>
/// The USD-M or COIN-M user data stream: <c>POST /fapi/v1/listenKey</c> (COIN-M <c>/dapi/v1/listenKey</c>,
/// <see cref="FuturesUserDataOptions.ListenKeyPath"/>), the WebSocket <c>{streamBase}/ws/{listenKey}</c>,
/// a keep-alive <c>PUT</c> every <see cref="FuturesUserDataOptions.KeepAliveInterval"/>, and recovery: on a
/// disconnect or <c>listenKeyExpired</c> it takes a (new) key, reconnects with backoff and raises
/// <see cref="ReconcileRequested"/>. Events (<c>ORDER_TRADE_UPDATE</c>, <c>ACCOUNT_UPDATE</c>, ...) are raised as
/// <see cref="UserData"/> on the receive loop.
/// </summary>
public sealed class FuturesUserDataStream : IAsyncDisposable
{
    private readonly FuturesUserDataOptions _options;
    private readonly string _apiKey;
    private readonly UserDataParser _parser;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _supervisor;
    private ClientWebSocket? _socket;
    private volatile bool _ready;
    private bool _everReady;
    private ReconcileReason _nextReason = ReconcileReason.Reconnected;
    private long _generation;
    private long _reconnects;
    private long _keepAlives;
    private long _keyRenewals;
    private long _malformed;

    /// <summary>Creates the stream; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Endpoints and timings.</param>
    /// <param name="apiKey">The API key (<c>X-MBX-APIKEY</c>; listenKey calls are not signed).</param>
    /// <param name="parser">Parser (its registry gives scales); null: one without symbols.</param>
    /// <param name="http">HTTP client to use (null: one owned by the stream).</param>
    public FuturesUserDataStream(FuturesUserDataOptions options, string apiKey, UserDataParser? parser = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        _options = options;
        _apiKey = apiKey;
        _parser = parser ?? new UserDataParser(null, options.Log);
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = options.ConnectTimeout };
    }

    /// <summary>A user data event arrived. Raised on the receive loop.</summary>
    public event EventHandler<UserDataEvent>? UserData;

    /// <summary>"Reconcile now": first connection, reconnect, <c>listenKeyExpired</c> recovered, or a malformed event.</summary>
    public event EventHandler<ReconcileRequestedEventArgs>? ReconcileRequested;

    /// <summary>The stream went down (why); trading must stop until the next <see cref="ReconcileRequested"/>.</summary>
    public event EventHandler<string>? Disconnected;

    /// <summary>Whether the stream is connected.</summary>
    public bool IsReady => _ready;

    /// <summary>Streams re-established after the first.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Keep-alive PUTs that succeeded.</summary>
    public long KeepAlives => Interlocked.Read(ref _keepAlives);

    /// <summary>New keys taken after <c>listenKeyExpired</c> or a failed keep-alive.</summary>
    public long KeyRenewals => Interlocked.Read(ref _keyRenewals);

    /// <summary>Messages that could not be parsed (counted, logged, skipped, reconcile requested).</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>The parser and its counters.</summary>
    public UserDataParser Parser => _parser;

    /// <summary>Starts (once) and waits for the first connected stream.</summary>
    public Task StartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        lock (_firstReady) _supervisor ??= Task.Run(() => SuperviseAsync(_stop.Token));
        return _firstReady.Task.WaitAsync(ct);
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        int failures = 0;
        while (!stop.IsCancellationRequested)
        {
            long generation = Interlocked.Increment(ref _generation);
            string reason;
            using var socket = new ClientWebSocket();
            using var sessionCts = CancellationTokenSource.CreateLinkedTokenSource(stop);
            Task keepAlive = Task.CompletedTask;
            try
            {
                string key = await ListenKeyAsync(HttpMethod.Post, stop).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("no listenKey in the answer");
                using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    connectCts.CancelAfter(_options.ConnectTimeout);
                    var uri = new Uri(_options.StreamBase.OriginalString.TrimEnd('/') + "/ws/" + Uri.EscapeDataString(key));
                    await socket.ConnectAsync(uri, connectCts.Token).ConfigureAwait(false);
                }
                Volatile.Write(ref _socket, socket);
                _ready = true;
                failures = 0;
                bool again = _everReady;
                _everReady = true;
                if (again) Interlocked.Increment(ref _reconnects);
                _options.Log?.Invoke($"binance usdm user data: stream {generation} connected");
                Raise(ReconcileRequested, new ReconcileRequestedEventArgs(again ? _nextReason : ReconcileReason.Started, generation));
                _nextReason = ReconcileReason.Reconnected;
                _firstReady.TrySetResult();
                keepAlive = KeepAliveAsync(socket, sessionCts.Token);
                var receiver = new WebSocketReceiver(4096, _options.MaxMessageBytes);
                var status = await receiver.RunAsync(socket, (payload, _) => OnMessage(socket, payload.Span, generation), stop).ConfigureAwait(false);
                reason = $"closed by the server ({status})";
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                reason = "stopped";
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException
                                          or HttpRequestException or InvalidOperationException or JsonException)
            {
                reason = $"{e.GetType().Name}: {e.Message}";
            }
            _ready = false;
            Interlocked.CompareExchange(ref _socket, null, socket);
            await sessionCts.CancelAsync().ConfigureAwait(false);
            socket.Abort();
            await keepAlive.ConfigureAwait(false);
            _options.Log?.Invoke($"binance usdm user data: stream {generation} down: {reason}");
            Raise(Disconnected, reason);
            if (stop.IsCancellationRequested) break;
            try
            {
                double ms = Math.Min(_options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures++, 16)),
                    _options.ReconnectMaxDelay.TotalMilliseconds);
                await Task.Delay(TimeSpan.FromMilliseconds(ms), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task KeepAliveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.KeepAliveInterval, ct).ConfigureAwait(false);
                try
                {
                    await ListenKeyAsync(HttpMethod.Put, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _keepAlives);
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException
                                              || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    // The key may be gone (-1125): take a new one through a reconnect.
                    _options.Log?.Invoke($"binance usdm user data: keep-alive failed ({e.GetType().Name}: {e.Message}): renewing the key");
                    Interlocked.Increment(ref _keyRenewals);
                    socket.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Session over.
        }
    }

    private async Task<string?> ListenKeyAsync(HttpMethod method, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.RestBase, _options.ListenKeyPath));
        request.Headers.Add("X-MBX-APIKEY", _apiKey);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {_options.ListenKeyPath}: HTTP {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}");
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isKey = reader.ValueTextEquals("listenKey"u8);
            reader.Read();
            if (isKey && reader.TokenType == JsonTokenType.String) return reader.GetString();
            reader.Skip();
        }
        return null;
    }

    private void OnMessage(ClientWebSocket socket, ReadOnlySpan<byte> json, long generation)
    {
        var status = _parser.TryParse(json, out var evt);
        if (status == UserDataParseStatus.Malformed)
        {
            Interlocked.Increment(ref _malformed);
            Raise(ReconcileRequested, new ReconcileRequestedEventArgs(ReconcileReason.MalformedUserData, generation));
            return;
        }
        if (evt is null) return;
        Raise(UserData, evt);
        if (evt is ListenKeyExpired)
        {
            _options.Log?.Invoke("binance usdm user data: listenKeyExpired: taking a new key");
            Interlocked.Increment(ref _keyRenewals);
            _nextReason = ReconcileReason.ListenKeyExpired;
            socket.Abort();
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        if (handler is null) return;
        try
        {
            handler(this, args);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _options.Log?.Invoke($"binance usdm user data: event handler threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Stops and closes the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        Volatile.Read(ref _socket)?.Abort();
        Task? supervisor;
        lock (_firstReady) supervisor = _supervisor;
        if (supervisor is not null) await supervisor.ConfigureAwait(false);
        _firstReady.TrySetCanceled();
        _stop.Dispose();
        if (_ownsHttp) _http.Dispose();
    }
}
