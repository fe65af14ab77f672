using System.Net.Sockets;
using System.Text;

namespace HftScalper.Tests.Shared;

/// <summary>
/// systemd's side of the notify protocol for tests (systemd is not PID 1 here): a unix datagram socket at a fresh
/// path that records every message (<c>READY=1</c>, <c>WATCHDOG=1</c>, <c>STOPPING=1</c>) a process or host sends to
/// <c>NOTIFY_SOCKET</c>. Disposing stops listening and deletes the socket file.
/// </summary>
public sealed class FakeNotifySocket : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<string> _received = [];
    private readonly CancellationTokenSource _listening = new();
    private readonly Task _listener;

    public FakeNotifySocket()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hft-notify-{Guid.NewGuid():N}"[..40] + ".sock");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
        _listener = Task.Run(ListenAsync);
    }

    /// <summary>The socket's path: the value of <c>NOTIFY_SOCKET</c>.</summary>
    public string Path { get; }

    /// <summary>Every message received so far, in order.</summary>
    public string[] Received
    {
        get { lock (_received) return [.. _received]; }
    }

    /// <summary>True once <paramref name="message"/> has been received.</summary>
    public bool Seen(string message)
    {
        lock (_received) return _received.Contains(message);
    }

    private async Task ListenAsync()
    {
        var buffer = new byte[4096];
        while (!_listening.IsCancellationRequested)
        {
            int n;
            try { n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _listening.Token); }
            catch (OperationCanceledException) { return; }
            lock (_received) _received.Add(Encoding.UTF8.GetString(buffer, 0, n));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listening.IsCancellationRequested) return;
        await _listening.CancelAsync();
        await _listener;
        _socket.Dispose();
        _listening.Dispose();
        File.Delete(Path);
    }
}
