using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Transport;
using HftScalper.Binance.UserData;

namespace HftScalper.Binance.WsApi;

/// <summary>
/// One Binance WebSocket API connection (spot <c>/ws-api/v3</c> or USD-M <c>/ws-fapi/v1</c>): numbered requests,
/// responses matched to them by id, a timeout per request, user data events delivered as they arrive, and a
/// supervisor that reconnects with backoff, logs on again, resubscribes and then asks the owner to reconcile.
/// <code>
///   SendAsync ──► params + timestamp (+ apiKey, signature) ──► socket ──► exchange
///      ▲                                                                    │
///      └── pending[id] ◄── response {"id","status","result"|"error"} ◄──────┤
///   UserData event ◄── {"subscriptionId","event":{..}} ◄────────────────────┘
/// </code>
/// </summary>
/// <remarks>
/// <para>Never resends. A request written to the socket ends Ok, Rejected or <see cref="WsApiOutcome.Unknown"/>
/// (timeout, disconnect with it in flight, failed send, 5XX, -1007); one never written ends
/// <see cref="WsApiOutcome.NotSent"/>. A response that arrives after its request went Unknown is counted and raised
/// as <see cref="LateResponse"/> so the owner can use it to resolve the unknown.</para>
/// <para>Thread-safety: <see cref="SendAsync"/> may be called from any thread (sends are serialized). Events are
/// raised on the receive loop, one at a time; handlers must be quick and must not block on a response.</para>
/// </remarks>
public sealed partial class WsApiClient : IAsyncDisposable
{
    private readonly WsApiClientOptions _options;
    private readonly IRequestSigner? _signer;
    private readonly UserDataParser _userData;
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly ConcurrentDictionary<long, string> _givenUp = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _out = new(1024);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Connection? _connection;
    private Task? _supervisor;
    private long _nextId;
    private long _generation;
    private long _requests;
    private long _reconnects;
    private long _timeouts;
    private long _unknownOutcomes;
    private long _lateResponses;
    private long _malformed;

    /// <summary>Creates a client; nothing connects until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Endpoint, timeouts, backoff.</param>
    /// <param name="signer">Key for signed requests, <c>session.logon</c> (Ed25519) and the user data subscription; null: public only.</param>
    /// <param name="userData">Parser for user data events (its registry gives prices/quantities their scales); null: a parser without symbols.</param>
    public WsApiClient(WsApiClientOptions options, IRequestSigner? signer = null, UserDataParser? userData = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero);
        _options = options;
        _signer = signer;
        _userData = userData ?? new UserDataParser(null, options.Log);
    }

    /// <summary>A user data event arrived (order report, balances, stream terminated). Raised on the receive loop.</summary>
    public event EventHandler<UserDataEvent>? UserData;

    /// <summary>"Reconcile now": the first session is ready, a reconnect completed (logged on and resubscribed),
    /// the event stream was terminated, or a user data message was malformed.</summary>
    public event EventHandler<ReconcileRequestedEventArgs>? ReconcileRequested;

    /// <summary>A response arrived for a request whose outcome was already given as Unknown (e.g. after its timeout).</summary>
    public event EventHandler<WsApiResponse>? LateResponse;

    /// <summary>The session went down (the text says why); trading must stop until the next <see cref="ReconcileRequested"/>.</summary>
    public event EventHandler<string>? Disconnected;

    /// <summary>Whether a session is connected, logged on (when configured) and subscribed: requests can be sent.</summary>
    public bool IsReady => Volatile.Read(ref _connection) is { Ready: true };

    /// <summary>Connection generation: 1 for the first connection, +1 per reconnect attempt.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Requests written to the socket.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Sessions re-established after the first.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Requests that got no response in time.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Requests that ended <see cref="WsApiOutcome.Unknown"/> for any reason.</summary>
    public long UnknownOutcomes => Interlocked.Read(ref _unknownOutcomes);

    /// <summary>Responses that arrived after their request had ended Unknown, or for no request of ours.</summary>
    public long LateResponses => Interlocked.Read(ref _lateResponses);

    /// <summary>Frames that were neither a valid response nor a parseable event (counted and logged, then skipped).</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>Tick-to-order, ns: from the receipt of the market-data frame behind an order (the Stopwatch timestamp
    /// given to <see cref="SendAsync"/>, i.e. <c>OrderRequest.IngressTicks</c>) to its request's bytes written to the
    /// socket; one sample per such request written (the run summary's <c>tickToOrderNs</c>). Lock-free; any thread.</summary>
    public Core.Time.LatencyHistogram TickToOrder { get; } = new();

    /// <summary>The user data parser (its counters: parsed, ignored, malformed, unknown symbols).</summary>
    public UserDataParser UserDataParser => _userData;

    /// <summary>
    /// Starts the supervisor (once) and waits until the first session is ready. Connection failures are retried
    /// with backoff until <paramref name="ct"/> fires or the client is disposed.
    /// </summary>
    public Task StartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        lock (_firstReady)
        {
            _supervisor ??= Task.Run(() => SuperviseAsync(_stop.Token));
        }
        return _firstReady.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Sends one request and waits for its outcome (never throws for exchange or network faults: see
    /// <see cref="WsApiOutcome"/>). <paramref name="parameters"/> is consumed: signed requests add
    /// <c>timestamp</c>, <c>recvWindow</c>, <c>apiKey</c> and <c>signature</c> to it. <paramref name="ingressTicks"/>
    /// (a Stopwatch timestamp of the market-data frame behind an order; 0 = none) makes the write a
    /// <see cref="TickToOrder"/> sample.
    /// </summary>
    /// <exception cref="InvalidOperationException">A signed request without a signer.</exception>
    public Task<WsApiResponse> SendAsync(string method, WsApiParams? parameters = null,
        WsApiSecurity security = WsApiSecurity.None, CancellationToken ct = default, long ingressTicks = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (security == WsApiSecurity.Signed && _signer is null)
            throw new InvalidOperationException($"{method} is signed but the client has no key");
        var connection = Volatile.Read(ref _connection);
        if (connection is not { Ready: true })
            return Task.FromResult(NotSent(method, WsApiUnknownReason.NotConnected));
        return SendOnAsync(connection, method, parameters, security, forceSignature: false, ct, ingressTicks);
    }

    private async Task<WsApiResponse> SendOnAsync(Connection connection, string method, WsApiParams? p,
        WsApiSecurity security, bool forceSignature, CancellationToken ct, long ingressTicks = 0)
    {
        try
        {
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return NotSent(method, WsApiUnknownReason.Canceled);
        }
        Pending pending;
        try
        {
            if (connection.Closed) return NotSent(method, WsApiUnknownReason.NotConnected);
            if (security == WsApiSecurity.Signed) AddSecurity(connection, p ??= new WsApiParams(), forceSignature);
            pending = new Pending(Interlocked.Increment(ref _nextId), method, connection.Generation);
            _out.ResetWrittenCount();
            WsApiParams.WriteRequest(_out, pending.Id, method, p);
            _pending[pending.Id] = pending;
            pending.Owner = this;
            pending.Timer = new Timer(static s => ((Pending)s!).Owner!.OnTimeout((Pending)s), pending, _options.RequestTimeout, Timeout.InfiniteTimeSpan);
            try
            {
                // Not cancelable: canceling a ClientWebSocket send aborts the socket with the request half-written.
                await connection.Socket.SendAsync(_out.WrittenMemory, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                if (ingressTicks != 0) TickToOrder.RecordSince(ingressTicks);
                pending.WrittenAtNs = LocalClock.NowNs();
                Interlocked.Increment(ref _requests);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or InvalidOperationException)
            {
                Complete(pending, MakeUnknown(pending, WsApiUnknownReason.SendFailed));
                _options.Log?.Invoke($"binance ws-api: {method}#{pending.Id} send failed ({e.GetType().Name}): outcome UNKNOWN");
            }
        }
        finally
        {
            _sendLock.Release();
        }
        var response = await pending.Tcs.Task.ConfigureAwait(false);
        response.WrittenAtNs = pending.WrittenAtNs;
        return response;
    }

    private void AddSecurity(Connection connection, WsApiParams p, bool forceSignature)
    {
        if (!p.Contains("timestamp")) p.Add("timestamp", _options.TimestampMs?.Invoke() ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (_options.RecvWindowMs is { } window && !p.Contains("recvWindow")) p.Add("recvWindow", window);
        if (connection.Authenticated && !forceSignature) return; // session.logon: the session carries the key
        p.Add("apiKey", _signer!.ApiKey);
        p.Add("signature", _signer.Sign(p.SignaturePayload()));
    }

    private void OnTimeout(Pending pending)
    {
        if (!_pending.TryRemove(new KeyValuePair<long, Pending>(pending.Id, pending))) return;
        Interlocked.Increment(ref _timeouts);
        RememberGivenUp(pending);
        _options.Log?.Invoke($"binance ws-api: {pending.Method}#{pending.Id} got no response in {_options.RequestTimeout.TotalMilliseconds:F0} ms: outcome UNKNOWN");
        Finish(pending, MakeUnknown(pending, WsApiUnknownReason.Timeout));
    }

    private void Complete(Pending pending, WsApiResponse response)
    {
        if (_pending.TryRemove(new KeyValuePair<long, Pending>(pending.Id, pending))) Finish(pending, response);
    }

    private void Finish(Pending pending, WsApiResponse response)
    {
        pending.Timer?.Dispose();
        if (response.Outcome == WsApiOutcome.Unknown) Interlocked.Increment(ref _unknownOutcomes);
        pending.Tcs.TrySetResult(response);
    }

    // Requests of a connection that died: their outcome is unknown (the exchange may have them).
    private void FailInFlight(long generation)
    {
        foreach (var (id, pending) in _pending)
        {
            if (pending.Generation != generation) continue;
            if (!_pending.TryRemove(new KeyValuePair<long, Pending>(id, pending))) continue;
            RememberGivenUp(pending);
            _options.Log?.Invoke($"binance ws-api: {pending.Method}#{id} in flight when the connection dropped: outcome UNKNOWN");
            Finish(pending, MakeUnknown(pending, WsApiUnknownReason.Disconnected));
        }
    }

    private void RememberGivenUp(Pending pending)
    {
        if (_givenUp.Count > 10_000) _givenUp.Clear(); // bounded; a late answer then reads as "not ours"
        _givenUp[pending.Id] = pending.Method;
    }

    private static WsApiResponse MakeUnknown(Pending p, WsApiUnknownReason reason) =>
        new(p.Id, p.Method, WsApiOutcome.Unknown) { UnknownReason = reason };

    private static WsApiResponse NotSent(string method, WsApiUnknownReason reason) =>
        new(0, method, WsApiOutcome.NotSent) { UnknownReason = reason };

    /// <summary>Stops the supervisor, closes the socket; requests in flight end Unknown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        Volatile.Read(ref _connection)?.Socket.Abort();
        Task? supervisor;
        lock (_firstReady) supervisor = _supervisor;
        if (supervisor is not null) await supervisor.ConfigureAwait(false);
        foreach (var (_, pending) in _pending) Complete(pending, MakeUnknown(pending, WsApiUnknownReason.Disconnected));
        _firstReady.TrySetCanceled();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private sealed class Pending(long id, string method, long generation)
    {
        public readonly long Id = id;
        public readonly string Method = method;
        public readonly long Generation = generation;
        public readonly TaskCompletionSource<WsApiResponse> Tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Timer? Timer;
        public WsApiClient? Owner;
        public long WrittenAtNs;
    }
}
