using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using HftScalper.Binance.Transport;

namespace HftScalper.Benchmarks.Live;

/// <summary>
/// Receiving 1000 Binance depth messages (~200 bytes, combined-stream envelope) from a WebSocket, reassembled and
/// stamped: our <see cref="WebSocketReceiver"/> (one reused buffer, <c>Memory</c> overload, value tasks) against the
/// common pattern (<c>ArraySegment</c> receive into a <see cref="MemoryStream"/>, <c>ToArray</c> per message).
/// The socket reads come from a scripted in-memory stream in 4 KB chunks, so only the receive path is measured.
/// </summary>
[MemoryDiagnoser]
public class WebSocketReceiveBenchmarks
{
    private const int Messages = 1000;
    private ReplayStream _stream = null!;
    private long _expectedBytes;
    private WebSocketReceiver _receiver = null!;
    private long _sum;
    private ReceivedMessageHandler _handler = null!;

    /// <summary>Builds the frame script and checks both paths see the same bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var script = new MemoryStream();
        for (int i = 0; i < Messages; i++)
        {
            var payload = Encoding.ASCII.GetBytes(
                $"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":1723161255123,\"s\":\"BTCUSDT\",\"U\":{50093239218 + i},\"u\":{50093239218 + i},\"b\":[[\"60953.64000000\",\"0.00164000\"]],\"a\":[[\"60953.65000000\",\"3.02051000\"],[\"60960.00000000\",\"0.00000000\"]]}}}}");
            _expectedBytes += payload.Length;
            script.WriteByte(0x81);
            script.WriteByte(126);
            script.WriteByte((byte)(payload.Length >> 8));
            script.WriteByte((byte)payload.Length);
            script.Write(payload);
        }
        script.Write([0x88, 0x02, 0x03, 0xE8]);
        _stream = new ReplayStream(script.ToArray(), 4096);
        _receiver = new WebSocketReceiver(4096, 1 << 20);
        _handler = OnMessage;
        if (Naive() != _expectedBytes || Pooled() != _expectedBytes) throw new InvalidOperationException("checksum mismatch");
    }

    /// <summary>ArraySegment receive into a MemoryStream; one array per message.</summary>
    [Benchmark(Baseline = true)]
    public long Naive()
    {
        _stream.Rewind();
        using var ws = Open();
        var buffer = new byte[4096];
        long sum = 0;
        while (true)
        {
            using var ms = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = ws.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None).GetAwaiter().GetResult();
                if (r.MessageType == WebSocketMessageType.Close) return sum;
                ms.Write(buffer, 0, r.Count);
            } while (!r.EndOfMessage);
            var message = ms.ToArray();
            long stamp = DateTime.UtcNow.Ticks;
            sum += message.Length + (stamp & 0);
        }
    }

    /// <summary><see cref="WebSocketReceiver"/>: reused buffer, stamped with <see cref="LocalClock"/>.</summary>
    [Benchmark]
    public long Pooled()
    {
        _stream.Rewind();
        using var ws = Open();
        _sum = 0;
        _receiver.RunAsync(ws, _handler, CancellationToken.None).GetAwaiter().GetResult();
        return _sum;
    }

    private void OnMessage(ReadOnlyMemory<byte> payload, long localTimeNs) => _sum += payload.Length + (localTimeNs & 0);

    private WebSocket Open() => WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
}
