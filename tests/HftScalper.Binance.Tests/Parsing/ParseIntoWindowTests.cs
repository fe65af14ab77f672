using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Parsing;

/// <summary>
/// Parsing into a caller's window (<see cref="MarketEventBuffer.WriteInto"/>: a producer's free ring slots) writes
/// the same bytes as parsing into the buffer's own storage, whatever the window held before; a message longer than the
/// window moves to the own storage whole.
/// </summary>
public sealed class ParseIntoWindowTests
{
    private const byte Garbage = 0xA5;

    [RequiresDataFact]
    public void Every_message_of_the_real_recording_is_written_into_the_window_byte_for_byte_as_into_the_own_buffer()
    {
        var frames = RecordingFrames.SpotBtcusdt;
        var (own, ownParser, btc) = Parser();
        var (windowed, windowParser, _) = Parser();
        var slots = new MarketEvent[64 + 2];
        int inWindow = 0, spilled = 0;

        foreach (var frame in frames)
        {
            var f = frame.Origin == FrameOrigin.RestSnapshot ? new RawFrame(frame.LocalTimeNs, frame.Origin, btc, 0, frame.Payload) : frame;
            own.Clear();
            ownParser.Parse(in f, own);
            // Every byte of the window is garbage first: a field the in-place write skipped would keep it.
            MemoryMarshal.AsBytes(slots.AsSpan()).Fill(Garbage);
            windowed.WriteInto(new ArraySegment<MarketEvent>(slots, 1, 64));
            windowParser.Parse(in f, windowed);

            Assert.True(MemoryMarshal.AsBytes(own.Events).SequenceEqual(MemoryMarshal.AsBytes(windowed.Events)));
            if (windowed.InWindow)
            {
                inWindow++;
                Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(windowed.Events), ref slots[1]));
                Assert.Equal(Garbage, MemoryMarshal.AsBytes(slots.AsSpan(0, 1))[0]); // nothing before the window
                Assert.Equal(Garbage, MemoryMarshal.AsBytes(slots.AsSpan(65, 1))[0]); // nothing after it
            }
            else if (own.Count > 64) spilled++;
        }

        Assert.True(inWindow > 90_000, $"{inWindow} messages in the window");
        Assert.True(spilled > 0, "no message outgrew the window"); // the 2,000-level snapshot at least
        Assert.Equal(0, windowParser.Counters.Rejected);
    }

    [Fact]
    public void A_message_longer_than_the_window_moves_whole_to_the_own_storage_and_the_next_one_returns_to_a_window()
    {
        var (buffer, parser, _) = Parser();
        var slots = new MarketEvent[3];
        var depth = Frame("""{"e":"depthUpdate","E":1700000000000,"s":"BTCUSDT","U":10,"u":14,"b":[["100.01","1.5"],["100.00","2"],["99.99","0.1"]],"a":[["100.02","3"],["100.03","0.25"]]}""");
        var ticker = Frame("""{"u":15,"s":"BTCUSDT","b":"100.01","B":"1.5","a":"100.02","A":"3"}""");

        buffer.WriteInto(new ArraySegment<MarketEvent>(slots));
        parser.Parse(in depth, buffer);
        var spilled = buffer.Events.ToArray();
        bool spilledInWindow = buffer.InWindow;
        buffer.WriteInto(new ArraySegment<MarketEvent>(slots));
        parser.Parse(in ticker, buffer);

        Assert.False(spilledInWindow);
        Assert.Equal(5, spilled.Length);
        Assert.Equal([10_001, 10_000, 9_999, 10_002, 10_003], spilled.Select(e => e.Price));
        Assert.True(spilled[^1].IsLastInMessage);
        Assert.True(buffer.InWindow);
        Assert.Equal(MarketEventKind.TopOfBook, slots[0].Kind);
        Assert.Equal(1, buffer.Count);
    }

    private static (MarketEventBuffer Buffer, BinanceParser Parser, int Btc) Parser()
    {
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 8).Id; // the recording has 6-decimal quantities
        return (new MarketEventBuffer(), new BinanceParser(registry), btc);
    }

    private static RawFrame Frame(string json) => new(1, FrameOrigin.WebSocket, -1, 0, System.Text.Encoding.UTF8.GetBytes(json));
}
