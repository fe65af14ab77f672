using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HftScalper.Binance.IntegrationTests.WsApi;

/// <summary>
/// A small WebSocket (and plain HTTP) server on 127.0.0.1 for the WebSocket API and user data tests: a raw
/// <see cref="TcpListener"/>, the RFC 6455 upgrade done by hand, then the runtime's server-side WebSocket. Every text
/// message received is recorded; <see cref="OnText"/> decides the answer. HTTP requests without an upgrade go to
/// <see cref="OnHttp"/> and are answered with <c>Connection: close</c>.
/// </summary>
internal sealed class LoopbackWsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private int _connections;

    public LoopbackWsServer()
    {
        _listener.Start();
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri WsUri(string path = "/ws-api/v3") => new($"ws://127.0.0.1:{Port}{path}");

    public Uri HttpUri => new($"http://127.0.0.1:{Port}");

    /// <summary>Called for every text message; null: no answer.</summary>
    public Func<ServerConnection, Received, Task>? OnText { get; set; }

    /// <summary>Called for plain HTTP requests (method, path, headers) -> (status, body).</summary>
    public Func<string, string, IReadOnlyDictionary<string, string>, (int Status, string Body)>? OnHttp { get; set; }

    public ConcurrentQueue<Received> Messages { get; } = new();

    public ConcurrentQueue<(string Method, string Path, IReadOnlyDictionary<string, string> Headers)> HttpRequests { get; } = new();

    public ConcurrentQueue<string> UpgradePaths { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    public ServerConnection? Current { get; private set; }

    public IEnumerable<Received> Requests(string method) => Messages.Where(m => m.Method == method);

    public async Task<Received> WaitForAsync(string method, int count = 1, int timeoutMs = 20000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var found = Requests(method).Skip(count - 1).FirstOrDefault();
            if (found is not null) return found;
            await Task.Delay(10);
        }
        throw new TimeoutException($"no {method} #{count} within {timeoutMs} ms; got: {string.Join(", ", Messages.Select(m => m.Method))}");
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var head = await ReadHeadAsync(stream);
        if (head is null) return;
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (!headers.TryGetValue("Sec-WebSocket-Key", out var key))
        {
            HttpRequests.Enqueue((requestLine[0], requestLine[1], headers));
            var (status, body) = OnHttp?.Invoke(requestLine[0], requestLine[1], headers) ?? (404, "{}");
            var bytes = Encoding.UTF8.GetBytes(body);
            var response = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
            await stream.WriteAsync(bytes);
            return;
        }
        UpgradePaths.Enqueue(requestLine[1]);
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        using var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        int index = Interlocked.Increment(ref _connections);
        var connection = new ServerConnection(index, ws, client);
        Current = connection; // before the 101: a client that sees itself connected finds the connection here
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
        var buffer = new byte[1 << 16];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                int length = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await ws.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += r.Count;
                } while (!r.EndOfMessage);
                if (r.MessageType == WebSocketMessageType.Close) return;
                var text = Encoding.UTF8.GetString(buffer, 0, length);
                var received = Received.Parse(index, text);
                Messages.Enqueue(received);
                if (OnText is { } handler) await handler(connection, received);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Connection dropped (by the test or the client).
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buf = new List<byte>(1024);
        var one = new byte[1];
        while (buf.Count < 16384)
        {
            int n = await stream.ReadAsync(one);
            if (n == 0) return null;
            buf.Add(one[0]);
            int c = buf.Count;
            if (c >= 4 && buf[c - 4] == '\r' && buf[c - 3] == '\n' && buf[c - 2] == '\r' && buf[c - 1] == '\n')
                return Encoding.ASCII.GetString(buf.ToArray(), 0, c - 4);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Current?.Abort();
        await _accept;
        _stop.Dispose();
    }
}

/// <summary>One accepted WebSocket.</summary>
internal sealed class ServerConnection(int index, WebSocket socket, TcpClient tcp)
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public int Index { get; } = index;

    public async Task SendAsync(string text)
    {
        await _send.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame (a network failure as the client sees it).</summary>
    public void Abort()
    {
        socket.Abort();
        try
        {
            tcp.Client?.Close(0);
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
    }
}

/// <summary>One request as the server read it.</summary>
internal sealed record Received(int Connection, string Raw, JsonElement Root)
{
    public string Method => Root.TryGetProperty("method", out var m) ? m.GetString() ?? "" : "";

    public JsonElement Id => Root.GetProperty("id");

    public JsonElement Params => Root.TryGetProperty("params", out var p) ? p : default;

    public bool HasParam(string name) => Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty(name, out _);

    public static Received Parse(int connection, string text)
    {
        try
        {
            return new Received(connection, text, JsonDocument.Parse(text).RootElement.Clone());
        }
        catch (JsonException)
        {
            return new Received(connection, text, JsonDocument.Parse("{}").RootElement.Clone());
        }
    }

    /// <summary>The signature payload as Binance computes it: params but signature, sorted by name, k=v joined by '&amp;'.</summary>
    public string SignaturePayload() =>
        string.Join('&', Params.EnumerateObject()
            .Where(p => p.Name != "signature")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"));
}
