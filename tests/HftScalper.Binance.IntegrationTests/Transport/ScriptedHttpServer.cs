using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HftScalper.Binance.IntegrationTests.Transport;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 answering each connection with the next scripted response (head text plus
/// body bytes, then close); the last response repeats. Counts the requests it read.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly (string Head, Func<Stream, CancellationToken, Task> Body)[] _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public ScriptedHttpServer(params (string Head, Func<Stream, CancellationToken, Task> Body)[] script)
    {
        _script = script;
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Requests => Volatile.Read(ref _requests);

    public static Func<Stream, CancellationToken, Task> Bytes(byte[] body) => (s, ct) => s.WriteAsync(body, ct).AsTask();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    int n = 0;
                    while (n < buffer.Length && buffer.AsSpan(0, n).IndexOf("\r\n\r\n"u8) < 0)
                    {
                        int read = await stream.ReadAsync(buffer.AsMemory(n), _stop.Token);
                        if (read == 0) break;
                        n += read;
                    }
                    int i = Interlocked.Increment(ref _requests) - 1;
                    var (head, body) = _script[Math.Min(i, _script.Length - 1)];
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                    await body(stream, _stop.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    // the client went away (e.g. it refused an oversized body): next connection
                }
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
