using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HftScalper.Cli.Tests.Data;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) serving a folder laid out like data.binance.vision: GET of a file,
/// 404 for anything absent, <c>Range: bytes=N-</c> answered 206 (or 416 past the end) unless <see cref="IgnoreRange"/>,
/// which answers 200 with the whole file as a server without range support does. Every request is recorded.
/// </summary>
internal sealed class VisionServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public VisionServer(string root)
    {
        Root = root;
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                continue; // the port was taken between probing and binding
            }
            _listener = listener;
            BaseUrl = $"http://127.0.0.1:{port}";
            break;
        }
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The folder served as the site root (files under <c>data/...</c>).</summary>
    public string Root { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Answer every GET with the whole file (200), as a server that does not support ranges.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Every request: path and the Range header (null when none), in arrival order.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    /// <summary>The requests for archives (not their CHECKSUM files).</summary>
    public IReadOnlyList<(string Path, string? Range)> ZipRequests => [.. Requests.Where(r => r.Path.EndsWith(".zip", StringComparison.Ordinal))];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                Serve(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // the client went away
            }
        }
    }

    private void Serve(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        string? range = context.Request.Headers["Range"];
        Requests.Enqueue((path, range));
        using var response = context.Response;
        string local = System.IO.Path.Combine(Root, path.TrimStart('/'));
        if (path.Contains("..", StringComparison.Ordinal) || !File.Exists(local))
        {
            response.StatusCode = 404;
            return;
        }
        byte[] bytes = File.ReadAllBytes(local);
        long from = 0;
        if (range is not null && !IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            from = long.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (from >= bytes.Length)
            {
                response.StatusCode = 416;
                response.Headers["Content-Range"] = $"bytes */{bytes.Length}";
                return;
            }
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {from}-{bytes.Length - 1}/{bytes.Length}";
        }
        response.ContentLength64 = bytes.Length - from;
        response.OutputStream.Write(bytes, (int)from, (int)(bytes.Length - from));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }
}
