using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace HftScalper.FakeExchange;

/// <summary>One client WebSocket on the fake exchange: its subscriptions, an outgoing queue drained by a send
/// loop, and a receive loop answering control messages (and dropping clients that send more than Binance allows).</summary>
public sealed class FakeConnection
{
    private readonly WebSocket _socket;
    private readonly HashSet<string> _streams;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<long> _incoming = new();
    private readonly FakeBinanceExchange _owner;
    private volatile bool _frozen;

    internal FakeConnection(int id, WebSocket socket, bool combined, IEnumerable<string> streams, FakeBinanceExchange owner)
    {
        Id = id;
        _socket = socket;
        Combined = combined;
        _streams = new HashSet<string>(streams, StringComparer.Ordinal);
        _owner = owner;
    }

    /// <summary>Connection number (1, 2, ...).</summary>
    public int Id { get; }

    /// <summary>Combined-stream connection (<c>/stream</c>) rather than raw (<c>/ws</c>).</summary>
    public bool Combined { get; }

    /// <summary>Whether the socket is still open.</summary>
    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Streams currently subscribed.</summary>
    public IReadOnlyCollection<string> Streams { get { lock (_streams) return [.. _streams]; } }

    /// <summary>Whether the connection subscribes <paramref name="stream"/>.</summary>
    public bool Subscribes(string stream) { lock (_streams) return _streams.Contains(stream); }

    /// <summary>Stops sending anything (data and control answers) while keeping the socket open: a silent peer.</summary>
    public void Freeze() => _frozen = true;

    /// <summary>Queues a message.</summary>
    public void Send(byte[] message) => _outgoing.Writer.TryWrite(message);

    /// <summary>Aborts the TCP connection.</summary>
    public void Abort() => _socket.Abort();

    /// <summary>Closes with a close frame.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        _outgoing.Writer.TryComplete();
        try
        {
            using var t = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _socket.CloseOutputAsync(status, reason, t.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    internal async Task RunAsync(CancellationToken ct)
    {
        var send = SendLoopAsync(ct);
        try
        {
            await ReceiveLoopAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished, the keep-alive timed out, or the test aborted us.
        }
        _outgoing.Writer.TryComplete();
        try { await send.ConfigureAwait(false); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        await foreach (var m in _outgoing.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (_frozen) continue;
            if (_socket.State != WebSocketState.Open) return;
            await _socket.SendAsync(m, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int len = 0;
            ValueWebSocketReceiveResult r;
            do
            {
                r = await _socket.ReceiveAsync(buffer.AsMemory(len), ct).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct).ConfigureAwait(false);
                    return;
                }
                len += r.Count;
            } while (!r.EndOfMessage && len < buffer.Length);
            _owner.CountControl();
            if (!WithinRate())
            {
                _owner.CountRateViolation();
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, "too many messages").ConfigureAwait(false);
                return;
            }
            HandleControl(buffer.AsSpan(0, len));
        }
    }

    private bool WithinRate()
    {
        long now = Environment.TickCount64;
        _incoming.Enqueue(now);
        while (_incoming.Count > 0 && now - _incoming.Peek() >= 1000) _incoming.Dequeue();
        return _incoming.Count <= _owner.Options.MaxIncomingPerSecond;
    }

    private void HandleControl(ReadOnlySpan<byte> json)
    {
        string method;
        long id;
        var streams = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            method = root.GetProperty("method").GetString() ?? "";
            id = root.GetProperty("id").GetInt64();
            if (root.TryGetProperty("params", out var p))
                foreach (var s in p.EnumerateArray()) streams.Add(s.GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Send("{\"code\":2,\"msg\":\"Invalid request\"}"u8.ToArray());
            return;
        }
        string result = "null";
        lock (_streams)
        {
            switch (method)
            {
                case "SUBSCRIBE": foreach (var s in streams) _streams.Add(s); break;
                case "UNSUBSCRIBE": foreach (var s in streams) _streams.Remove(s); break;
                case "LIST_SUBSCRIPTIONS": result = "[" + string.Join(',', _streams.Select(s => $"\"{s}\"")) + "]"; break;
                default: Send(Encoding.UTF8.GetBytes($"{{\"code\":2,\"msg\":\"Invalid request\",\"id\":{id}}}")); return;
            }
        }
        Send(Encoding.UTF8.GetBytes($"{{\"result\":{result},\"id\":{id}}}"));
    }
}
