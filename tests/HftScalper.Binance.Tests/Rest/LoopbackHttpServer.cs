using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HftScalper.Binance.Tests.Rest;

/// <summary>A request as it arrived on the socket: method, raw target (path + query exactly as sent), headers, body.</summary>
internal sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Path => Target.Split('?')[0];

    public string Query => Target.Contains('?', StringComparison.Ordinal) ? Target[(Target.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
}

/// <summary>What the server answers: status, JSON body, extra header lines, and an optional delay before answering.</summary>
internal sealed record Reply(int Status, string Body, string[]? Headers = null, TimeSpan Delay = default);

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (TcpListener; one request per connection, <c>Connection: close</c>) that
/// records every request and answers with a handler, so tests see exactly the bytes our client sends.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, Reply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<RecordedRequest, Reply> handler)
    {
        _handler = handler;
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Count(string path) => Requests.Count(r => r.Path == path);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[65536];
                int n = 0, headEnd;
                while ((headEnd = buffer.AsSpan(0, n).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(n), _stop.Token);
                    if (read == 0) return;
                    n += read;
                }
                string[] lines = Encoding.ASCII.GetString(buffer, 0, headEnd).Split("\r\n");
                string[] first = lines[0].Split(' ');
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string line in lines.Skip(1))
                {
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                int length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
                while (n < headEnd + 4 + length)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(n), _stop.Token);
                    if (read == 0) break;
                    n += read;
                }
                var request = new RecordedRequest(first[0], first[1], headers, Encoding.ASCII.GetString(buffer, headEnd + 4, Math.Max(0, n - headEnd - 4)));
                Requests.Enqueue(request);
                var reply = _handler(request);
                if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stop.Token);
                byte[] body = Encoding.UTF8.GetBytes(reply.Body);
                var head = new StringBuilder()
                    .Append("HTTP/1.1 ").Append(reply.Status).Append(" X\r\n")
                    .Append("Content-Type: application/json;charset=UTF-8\r\n")
                    .Append("Content-Length: ").Append(body.Length).Append("\r\n")
                    .Append("Connection: close\r\n");
                foreach (string h in reply.Headers ?? []) head.Append(h).Append("\r\n");
                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // client went away (timeouts)
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
