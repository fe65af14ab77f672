using System.Net.WebSockets;

namespace HftScalper.Binance.Transport;

/// <summary>
/// The receive loop of one WebSocket: reassembles fragmented messages into one reused buffer (grown by doubling
/// up to <see cref="MaxFrameBytes"/>, then kept), stamps each with the local receive time and hands it to a
/// handler. A message larger than the cap is read to its end, counted and dropped; the loop continues.
/// </summary>
/// <remarks>Steady state allocates nothing per message: the buffer is reused and
/// <see cref="WebSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> returns a pooled value task.</remarks>
internal sealed class WebSocketReceiver
{
    private readonly int _maxFrameBytes;
    private byte[] _buffer;
    private long _messages;
    private long _bytes;
    private long _oversized;

    /// <summary>Creates a receiver.</summary>
    /// <param name="initialBufferBytes">Starting buffer size (grows on demand).</param>
    /// <param name="maxFrameBytes">Largest message accepted; larger ones are counted and dropped.</param>
    public WebSocketReceiver(int initialBufferBytes, int maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferBytes, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, initialBufferBytes);
        _maxFrameBytes = maxFrameBytes;
        _buffer = new byte[initialBufferBytes];
    }

    /// <summary>Largest accepted message, in bytes.</summary>
    public int MaxFrameBytes => _maxFrameBytes;

    /// <summary>Messages handed to the handler.</summary>
    public long Messages => Volatile.Read(ref _messages);

    /// <summary>Payload bytes handed to the handler.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Messages dropped because they exceeded <see cref="MaxFrameBytes"/>.</summary>
    public long Oversized => Volatile.Read(ref _oversized);

    /// <summary>
    /// Receives until the peer closes, the socket fails or <paramref name="ct"/> fires. Returns the close status
    /// when the peer closed (null otherwise). Socket errors propagate as <see cref="WebSocketException"/>.
    /// </summary>
    public async Task<WebSocketCloseStatus?> RunAsync(WebSocket socket, ReceivedMessageHandler handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(handler);
        int length = 0;
        bool discarding = false;
        while (true)
        {
            if (length == _buffer.Length && !Grow())
            {
                // Past the cap: keep reading the rest of this message into the same buffer and throw it away.
                discarding = true;
                length = 0;
            }
            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return socket.CloseStatus ?? WebSocketCloseStatus.Empty;
            length += result.Count;
            if (!result.EndOfMessage) continue;
            long now = LocalClock.NowNs();
            if (discarding)
            {
                Interlocked.Increment(ref _oversized);
                discarding = false;
            }
            else
            {
                Volatile.Write(ref _messages, _messages + 1);
                Volatile.Write(ref _bytes, _bytes + length);
                handler(_buffer.AsMemory(0, length), now);
            }
            length = 0;
        }
    }

    // Rare: only while the buffer learns the largest message size. Returns false at the cap.
    private bool Grow()
    {
        if (_buffer.Length >= _maxFrameBytes) return false;
        var bigger = new byte[Math.Min((long)_buffer.Length * 2, _maxFrameBytes)];
        _buffer.AsSpan().CopyTo(bigger);
        _buffer = bigger;
        return true;
    }
}
