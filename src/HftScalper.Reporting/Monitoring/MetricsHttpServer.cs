using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HftScalper.Reporting.Monitoring;

/// <summary>
/// A minimal HTTP/1.1 endpoint on <c>127.0.0.1</c>: <c>GET /metrics</c> answers the Prometheus text from a render
/// function, anything else 404 (405 for other methods). One background thread accepts; each connection is answered
/// on its own task (one request, <c>Connection: close</c>), which is all a scraper needs; no framework, so the CLI
/// stays light and a port of 0 binds a free one (see <see cref="Port"/>). A slow or silent client cannot hold up
/// other scrapes: it has <see cref="RequestTimeout"/> to send its whole request head and as long to take the answer,
/// then it is closed; at most <see cref="MaxConnections"/> are served at once (more are closed on accept). Never
/// touches the hot path: the render function reads counters the stages keep.
/// </summary>
public sealed class MetricsHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string> _render;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _requests, _errors;
    private int _open;
    private readonly Lock _renderGate = new(); // connections are served concurrently; render functions need not be thread-safe

    /// <summary>Time a client has to send its request head, and again to take the answer, before it is closed.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Connections served at once; further ones are closed at once (and counted in <see cref="Errors"/>).</summary>
    public const int MaxConnections = 16;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 = any free port) and starts answering.</summary>
    public MetricsHttpServer(int port, Func<string> render, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(logger);
        _render = render;
        _logger = logger;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _thread = new Thread(Loop) { IsBackground = true, Name = "hft-metrics-http" };
        _thread.Start();
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary>The metrics URL.</summary>
    public string Url => $"http://127.0.0.1:{Port}/metrics";

    /// <summary>Requests answered (any path).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Connections that failed (client gone, bad request line, render error); logged, the server keeps going.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Stops listening and waits for the thread.</summary>
    public void Dispose()
    {
        _stop = true;
        _listener.Stop();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Loop()
    {
        while (!_stop)
        {
            Socket client;
            try { client = _listener.AcceptSocket(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (!_stop) _logger.LogWarning("Metrics endpoint stopped accepting: {Reason}", e.Message);
                return;
            }
            if (Interlocked.Increment(ref _open) > MaxConnections)
            {
                Interlocked.Decrement(ref _open);
                Interlocked.Increment(ref _errors);
                _logger.LogDebug("Metrics connection refused: {Max} already open", MaxConnections);
                client.Dispose();
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    // One connection, off the accept thread: the head must arrive, and the answer be taken, within RequestTimeout each.
    private async Task ServeAsync(Socket client)
    {
        try
        {
            using (client)
            await using (var stream = new NetworkStream(client, ownsSocket: false))
            {
                using var deadline = new CancellationTokenSource(RequestTimeout);
                string requestLine = await ReadHeadAsync(stream, deadline.Token).ConfigureAwait(false);
                var (head, body) = Answer(requestLine);
                deadline.CancelAfter(RequestTimeout);
                await stream.WriteAsync(head, deadline.Token).ConfigureAwait(false);
                await stream.WriteAsync(body, deadline.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _requests);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _errors);
            _logger.LogDebug("Metrics request failed: {Reason}", e is OperationCanceledException ? $"client too slow (over {RequestTimeout.TotalSeconds:0} s)" : e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private (byte[] Head, byte[] Body) Answer(string requestLine)
    {
        var parts = requestLine.Split(' ');
        if (parts.Length < 3) throw new InvalidDataException($"bad request line '{requestLine}'");
        string path = parts[1].Split('?')[0];
        (int code, string reason, string body, string type) = (parts[0], path) switch
        {
            ("GET", "/metrics") => Render(),
            ("GET", _) => (404, "Not Found", "only /metrics is served\n", "text/plain; charset=utf-8"),
            _ => (405, "Method Not Allowed", "GET only\n", "text/plain; charset=utf-8"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {code} {reason}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
        return (head, bytes);
    }

    private (int, string, string, string) Render()
    {
        try
        {
            lock (_renderGate) return (200, "OK", _render(), PrometheusWriter.ContentType);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _errors);
            _logger.LogError(e, "Metrics rendering failed");
            return (500, "Internal Server Error", "metrics rendering failed\n", "text/plain; charset=utf-8");
        }
    }

    // Reads the request head (up to the blank line, at most 8 KB) and returns its first line.
    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[8192];
        int n = 0;
        while (n < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(n), ct).ConfigureAwait(false);
            if (read == 0) break;
            n += read;
            if (buffer.AsSpan(0, n).IndexOf("\r\n\r\n"u8) >= 0) break;
        }
        var text = Encoding.ASCII.GetString(buffer, 0, n);
        int eol = text.IndexOf("\r\n", StringComparison.Ordinal);
        return eol >= 0 ? text[..eol] : text;
    }
}
