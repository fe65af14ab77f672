using System.Net.WebSockets;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Transport;
using HftScalper.Binance.UserData;
using HftScalper.Core.Security;

namespace HftScalper.Binance.WsApi;

// The supervisor and the receive loop: connect, set the session up, read until the socket dies, fail what was in
// flight, back off, repeat. One start-up path that is also the recovery path.
public sealed partial class WsApiClient
{
    private bool _everReady;

    private async Task SuperviseAsync(CancellationToken stop)
    {
        int failures = 0;
        while (!stop.IsCancellationRequested)
        {
            long generation = Interlocked.Increment(ref _generation);
            var socket = new ClientWebSocket();
            var connection = new Connection(socket, generation);
            string reason = "closed by the server";
            try
            {
                using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    connectCts.CancelAfter(_options.ConnectTimeout);
                    await socket.ConnectAsync(_options.Endpoint, connectCts.Token).ConfigureAwait(false);
                }
                Volatile.Write(ref _connection, connection);
                connection.ReceiveTask = ReceiveAsync(connection, stop);
                await SetUpSessionAsync(connection, stop).ConfigureAwait(false);
                connection.Ready = true;
                failures = 0;
                bool reconnect = _everReady;
                _everReady = true;
                if (reconnect) Interlocked.Increment(ref _reconnects);
                _options.Log?.Invoke($"binance ws-api: session {generation} ready ({SecretRedactor.Redact(_options.Endpoint)})");
                Raise(ReconcileRequested, new ReconcileRequestedEventArgs(reconnect ? ReconcileReason.Reconnected : ReconcileReason.Started, generation));
                _firstReady.TrySetResult();
                reason = await connection.ReceiveTask.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                reason = "stopped";
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException
                                          or SessionSetupException or InvalidOperationException)
            {
                reason = $"{e.GetType().Name}: {SecretRedactor.Redact(e.Message)}";
            }
            finally
            {
                connection.Ready = false;
                connection.Closed = true;
                Interlocked.CompareExchange(ref _connection, null, connection);
                socket.Abort();
                FailInFlight(generation);
                await connection.ReceiveTask.ConfigureAwait(false);
                socket.Dispose();
            }
            _options.Log?.Invoke($"binance ws-api: session {generation} down: {reason}");
            Raise(Disconnected, reason);
            if (stop.IsCancellationRequested) break;
            try
            {
                await Task.Delay(Backoff(failures++), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        double ms = _options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16));
        ms = Math.Min(ms, _options.ReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    // session.logon (Ed25519 only), then the user data subscription. Any refusal fails the session (retried with backoff).
    private async Task SetUpSessionAsync(Connection connection, CancellationToken ct)
    {
        if (_signer is null) return;
        if (_options.LogOn && _signer.KeyType == BinanceKeyType.Ed25519)
        {
            var logon = await SendOnAsync(connection, "session.logon", new WsApiParams(), WsApiSecurity.Signed, forceSignature: true, ct).ConfigureAwait(false);
            if (!logon.IsOk) throw new SessionSetupException($"session.logon failed: {logon}");
            connection.Authenticated = true;
        }
        if (_options.SubscribeUserData) await SubscribeAsync(connection, ct).ConfigureAwait(false);
    }

    private async Task SubscribeAsync(Connection connection, CancellationToken ct)
    {
        var subscribe = connection.Authenticated
            ? await SendOnAsync(connection, "userDataStream.subscribe", null, WsApiSecurity.None, false, ct).ConfigureAwait(false)
            : await SendOnAsync(connection, "userDataStream.subscribe.signature", new WsApiParams(), WsApiSecurity.Signed, true, ct).ConfigureAwait(false);
        if (!subscribe.IsOk) throw new SessionSetupException($"{subscribe.Method} failed: {subscribe}");
        subscribe.TryGetResultLong("subscriptionId", out long id);
        connection.SubscriptionId = id;
    }

    // eventStreamTerminated: subscribe again on the same connection, then ask for a reconcile; on failure drop the
    // connection so the supervisor rebuilds everything.
    private async Task ResubscribeAsync(Connection connection)
    {
        try
        {
            await SubscribeAsync(connection, _stop.Token).ConfigureAwait(false);
            Raise(ReconcileRequested, new ReconcileRequestedEventArgs(ReconcileReason.StreamTerminated, connection.Generation));
        }
        catch (Exception e) when (e is SessionSetupException or OperationCanceledException or ObjectDisposedException)
        {
            _options.Log?.Invoke($"binance ws-api: resubscribe after eventStreamTerminated failed ({e.Message}): reconnecting");
            connection.Socket.Abort();
        }
    }

    private async Task<string> ReceiveAsync(Connection connection, CancellationToken stop)
    {
        await Task.Yield();
        var receiver = new WebSocketReceiver(4096, _options.MaxMessageBytes);
        try
        {
            var status = await receiver.RunAsync(connection.Socket, (payload, now) => OnMessage(connection, payload.Span, now), stop).ConfigureAwait(false);
            return $"closed by the server ({status})";
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private void OnMessage(Connection connection, ReadOnlySpan<byte> json, long receivedAtNs)
    {
        string? why = WsApiFrame.TryRead(json, out var frame);
        if (why is not null)
        {
            long n = Interlocked.Increment(ref _malformed);
            _options.Log?.Invoke($"binance ws-api: malformed message #{n} ({json.Length} bytes) skipped: {why}");
            return;
        }
        if (frame.IsResponse) OnResponse(json, ref frame, receivedAtNs);
        else OnEvent(connection, json);
    }

    private void OnResponse(ReadOnlySpan<byte> json, ref WsApiFrame frame, long receivedAtNs)
    {
        if (!frame.HasId)
        {
            // {"id":null,...}: the server could not read one of our requests; nothing to match it to.
            Interlocked.Increment(ref _lateResponses);
            _options.Log?.Invoke($"binance ws-api: response without id: {frame.Status} {frame.ErrorCode} {frame.Message(json)}");
            return;
        }
        var outcome = frame.Status == 200 ? WsApiOutcome.Ok
            : frame.Status >= 500 || frame.ErrorCode == -1007 ? WsApiOutcome.Unknown
            : WsApiOutcome.Rejected;
        bool ours = _pending.TryGetValue(frame.Id, out var pending);
        string method = ours ? pending!.Method : _givenUp.TryRemove(frame.Id, out var m) ? m : "?";
        var response = new WsApiResponse(frame.Id, method, outcome)
        {
            Status = frame.Status,
            ErrorCode = frame.ErrorCode,
            ErrorMessage = frame.Message(json),
            UnknownReason = outcome == WsApiOutcome.Unknown ? WsApiUnknownReason.ServerUnknown : WsApiUnknownReason.None,
            ResultJson = WsApiFrame.Copy(json, frame.Result),
            RateLimitsJson = WsApiFrame.Copy(json, frame.RateLimits),
            ReceivedAtNs = receivedAtNs,
        };
        if (ours && _pending.TryRemove(new KeyValuePair<long, Pending>(frame.Id, pending!)))
        {
            Finish(pending!, response);
            return;
        }
        Interlocked.Increment(ref _lateResponses);
        _options.Log?.Invoke($"binance ws-api: late response {response}");
        Raise(LateResponse, response);
    }

    private void OnEvent(Connection connection, ReadOnlySpan<byte> json)
    {
        var status = _userData.TryParse(json, out var evt);
        if (status == UserDataParseStatus.Malformed)
        {
            Interlocked.Increment(ref _malformed);
            Raise(ReconcileRequested, new ReconcileRequestedEventArgs(ReconcileReason.MalformedUserData, connection.Generation));
            return;
        }
        if (evt is null) return;
        Raise(UserData, evt);
        if (evt is StreamTerminated && connection.Ready)
        {
            _options.Log?.Invoke("binance ws-api: eventStreamTerminated: subscribing again");
            _ = ResubscribeAsync(connection);
        }
    }

    // A handler's exception must not kill the receive loop (that would turn one bug into a disconnect).
    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        if (handler is null) return;
        try
        {
            handler(this, args);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _options.Log?.Invoke($"binance ws-api: event handler threw {e.GetType().Name}: {e.Message}");
        }
    }

    private sealed class Connection(ClientWebSocket socket, long generation)
    {
        public readonly ClientWebSocket Socket = socket;
        public readonly long Generation = generation;
        public volatile bool Ready;
        public volatile bool Closed;
        public volatile bool Authenticated;
        public long SubscriptionId;
        public Task<string> ReceiveTask = Task.FromResult("not started");
    }

    private sealed class SessionSetupException(string message) : Exception(message);
}
