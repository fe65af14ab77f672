using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Parsing;

public sealed class ParserRecordingTests
{
    [RequiresDataFact]
    public void Parses_every_message_of_the_real_recording_into_the_documented_counts()
    {
        var frames = RecordingFrames.SpotBtcusdt;
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 8).Id; // the recording has 6-decimal quantities
        var parser = new BinanceParser(registry);
        var output = new MarketEventBuffer();
        int depthMessages = 0, tickers = 0, trades = 0, snapshots = 0;

        foreach (var frame in frames)
        {
            output.Clear();
            var f = frame.Origin == FrameOrigin.RestSnapshot ? new RawFrame(frame.LocalTimeNs, frame.Origin, btc, 0, frame.Payload) : frame;
            Assert.Equal(ParseResult.Events, parser.Parse(in f, output));
            var last = output.Events[^1];
            Assert.True(last.IsLastInMessage);
            switch (last.Kind)
            {
                case MarketEventKind.BookDelta: depthMessages++; break;
                case MarketEventKind.TopOfBook: tickers++; break;
                case MarketEventKind.Trade: trades++; break;
                case MarketEventKind.SnapshotLevel: snapshots++; Assert.Equal(2000, output.Count); break;
            }
        }

        Assert.Equal((6495, 73174, 19904, 1), (depthMessages, tickers, trades, snapshots));
        Assert.Equal(0, parser.Counters.Rejected);
    }

    [RequiresDataFact]
    public void Parsing_the_real_recording_allocates_nothing_in_steady_state()
    {
        var frames = RecordingFrames.SpotBtcusdt;
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 8).Id; // the recording has 6-decimal quantities
        // The recording is parsed twice: keep its second pass from being dropped as duplicates of the first.
        var parser = new BinanceParser(registry, new BinanceParserOptions { DropDuplicateIds = false });
        var output = new MarketEventBuffer(4096);
        long events = 0;
        // The helper's warm-up pass grows the buffer and JITs; each pass parses the whole recording.
        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            events = 0;
            for (int i = 0; i < frames.Length; i++) events += ParseOne(parser, output, frames[i], btc);
        });

        Assert.Equal(393189, events);
        Assert.Equal(0, allocated);
    }

    private static int ParseOne(BinanceParser parser, MarketEventBuffer output, in RawFrame frame, int btc)
    {
        output.Clear();
        if (frame.Origin == FrameOrigin.RestSnapshot)
        {
            var f = new RawFrame(frame.LocalTimeNs, frame.Origin, btc, 0, frame.Payload);
            parser.Parse(in f, output);
        }
        else parser.Parse(in frame, output);
        return output.Count;
    }
}
