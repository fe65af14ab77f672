using System.Buffers;
using System.Net.WebSockets;
using HftScalper.Binance.Transport;

namespace HftScalper.Binance.Live;

/// <summary>
/// One WebSocket of a stream group and its role in a make-before-break hand-over:
/// <list type="bullet">
///   <item>forwarding: its messages go to the sync (the only forwarder of the group at any time);</item>
///   <item>shadow: a successor being warmed up: its messages are copied aside until it overlaps the forwarder;</item>
///   <item>retired: a predecessor that handed over: its messages are ignored until it is closed.</item>
/// </list>
/// Role flags are changed only by the connection's own receive loop, on request of the supervisor, so the
/// sync is never called from two threads at once.
/// </summary>
internal sealed class LiveConnection : IDisposable
{
    public LiveConnection(int id, ClientWebSocket socket, WebSocketReceiver receiver, bool forwarding, int maxSymbolId)
    {
        Id = id;
        Socket = socket;
        Receiver = receiver;
        Forwarding = forwarding;
        if (!forwarding) ShadowFirstDepthId = new long[maxSymbolId + 1];
        ConnectedAtNs = LocalClock.NowNs();
    }

    public int Id { get; }
    public ClientWebSocket Socket { get; }
    public WebSocketReceiver Receiver { get; }
    public long ConnectedAtNs { get; }
    public CancellationTokenSource Cts { get; } = new();
    public Task<string> ReceiveTask { get; set; } = Task.FromResult("not started");

    // Owned by the receive loop.
    public bool Forwarding;
    public bool Retired;
    public long LastMessageNs;

    // Requests from the supervisor (read by the loop with Volatile).
    public int HandoverRequested;
    public TaskCompletionSource HandoverAck { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource OverlapReady { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Shadow buffer: copies of messages received before promotion (rotation only, so pooling arrays suffices).
    public List<(byte[] Buffer, int Length, long LocalTimeNs)> Shadow { get; } = [];
    public long[]? ShadowFirstDepthId { get; }

    public void AddShadow(ReadOnlySpan<byte> payload, long localTimeNs)
    {
        var copy = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(copy);
        Shadow.Add((copy, payload.Length, localTimeNs));
    }

    public void ReleaseShadow()
    {
        foreach (var (buffer, _, _) in Shadow) ArrayPool<byte>.Shared.Return(buffer);
        Shadow.Clear();
    }

    public async Task CloseQuietlyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            if (Socket.State == WebSocketState.Open)
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "rotated", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing a socket that is already failing: nothing to recover.
        }
        Cts.Cancel();
        Socket.Abort();
        await ReceiveTask.ConfigureAwait(false);
        Dispose();
    }

    public void Dispose()
    {
        ReleaseShadow();
        Socket.Dispose();
        Cts.Dispose();
    }
}
